import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, InputNumber, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { type Scheme, type YearRow, pointsApi } from '../../api/points.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useT } from '../../i18n/index.tsx';

/** 主席团评分: one 0–100 score per deputy, entered in one table and saved together (all or nothing). */
export function PresidiumRatings({ scheme, canEdit }: { scheme: Scheme; canEdit: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  // The year's rows list every deputy with the rating they have now.
  const q = useQuery({ queryKey: ['points', 'year', scheme.id], queryFn: () => pointsApi.year(scheme.id) });
  const [edits, setEdits] = useState<Record<string, number | null>>({});
  const value = (r: YearRow) => (r.deputyId in edits ? edits[r.deputyId] : r.presidium);
  const save = useMutation({
    mutationFn: () =>
      pointsApi.saveRatings(
        scheme.id,
        (q.data?.rows ?? []).map((r) => ({ deputyId: r.deputyId, score: value(r) ?? null })),
      ),
    onSuccess: async () => {
      message.success(t('points.ratingsSaved'));
      // Keep the typed values until the saved ones are back, so the boxes do not flicker to the old scores.
      await qc.invalidateQueries({ queryKey: ['points', 'year', scheme.id] });
      setEdits({});
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e), 6),
  });
  const columns: TableColumnsType<YearRow> = [
    { key: 'name', title: t('points.name'), render: (_, r) => r.name },
    { key: 'station', title: t('points.station'), render: (_, r) => r.stationName ?? '—' },
    {
      key: 'rating',
      title: t('points.rating'),
      width: 170,
      render: (_, r) => (
        <InputNumber
          aria-label={t('points.ratingOf', { name: r.name })}
          min={0}
          max={100}
          disabled={!canEdit}
          value={value(r)}
          onChange={(v) => setEdits((e) => ({ ...e, [r.deputyId]: typeof v === 'number' ? v : null }))}
          style={{ width: 120 }}
        />
      ),
    },
  ];
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const dirty = Object.keys(edits).length > 0;
  return (
    <>
      <Alert type="info" showIcon title={t('points.ratingsHint')} style={{ marginBottom: 12 }} />
      <DataTable<YearRow>
        label={t('points.tab.presidium')}
        rowKey="deputyId"
        size="small"
        columns={columns}
        dataSource={q.data?.rows}
        loading={q.isFetching}
        pagination={{ pageSize: 50, showTotal: (total) => t('common.total', { total }) }}
        scroll={{ x: 480 }}
      />
      {canEdit && (
        <Button type="primary" onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty} style={{ marginTop: 12 }}>
          {t('points.ratingsSave')}
        </Button>
      )}
    </>
  );
}
