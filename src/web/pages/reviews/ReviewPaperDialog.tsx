import { Alert, App, Form, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { RATINGS, type Rating } from '../../api/appraisals.ts';
import { type Review, reviewsApi } from '../../api/reviews.ts';
import type { MsgKey } from '../../i18n/index.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { useT } from '../../i18n/index.tsx';

const ZERO: Record<Rating, number> = { satisfied: 0, basic: 0, dissatisfied: 0 };

/** Voter review paper ballots: the number of sheets, then per deputy the votes per answer. */
export function ReviewPaperDialog({ review, open, onClose }: { review: Review; open: boolean; onClose: (changed: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [ballots, setBallots] = useState<number | null>(null);
  const [counts, setCounts] = useState<Record<string, Record<Rating, number>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    setBusy(true);
    setError(null);
    try {
      await reviewsApi.paper(review.id, { ballots: ballots ?? 0, counts: review.deputies.map((d) => ({ deputyId: d.id, ...(counts[d.id] ?? ZERO) })) });
      message.success(t('common.saved'));
      setCounts({});
      setBallots(null);
      onClose(true);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('appraisal.paper')}
      onOk={save}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={() => onClose(false)}
      width={680}
      destroyOnHidden
    >
      <p>{t('review.paperHint')}</p>
      <Form layout="inline" style={{ marginBottom: 12 }}>
        <Form.Item label={t('appraisal.paperBallots.count')} htmlFor="rv-paper-ballots">
          <InputNumber id="rv-paper-ballots" min={1} max={100000} value={ballots} onChange={setBallots} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <DataTable<{ id: string; name: string }>
        label={t('appraisal.paper')}
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={review.deputies}
        scroll={{ x: 520 }}
        columns={[
          { key: 'name', title: t('review.deputies'), dataIndex: 'name' },
          ...RATINGS.map((r) => ({
            key: r,
            title: t(`appraisal.rating.${r}` as MsgKey),
            width: 110,
            render: (_: unknown, d: { id: string; name: string }) => (
              <InputNumber
                aria-label={`${d.name} ${t(`appraisal.rating.${r}` as MsgKey)}`}
                min={0}
                max={100000}
                value={counts[d.id]?.[r] ?? 0}
                onChange={(n) => setCounts((c) => ({ ...c, [d.id]: { ...(c[d.id] ?? ZERO), [r]: n ?? 0 } }))}
                style={{ width: 90 }}
              />
            ),
          })),
        ]}
      />
    </Modal>
  );
}
