import { App, Alert, Form, InputNumber, Modal, Table } from 'antd';
import { useMemo, useState } from 'react';
import { type Appraisal, RATINGS, type Rating, appraisalsApi } from '../../api/appraisals.ts';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';

const ZERO: Record<Rating, number> = { satisfied: 0, basic: 0, dissatisfied: 0 };

type Line = { key: string; unitId: string; unitName: string; question: string; questionLabel: string };

/** A batch of paper ballots as counts: one row per office and question, one number per answer. */
export function PaperDialog({ appraisal, open, onClose }: { appraisal: Appraisal; open: boolean; onClose: (changed: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [ballots, setBallots] = useState<number | null>(null);
  const [counts, setCounts] = useState<Record<string, Record<Rating, number>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lines = useMemo<Line[]>(() => {
    const qs = [{ key: 'overall', label: t('appraisal.overall') }, ...appraisal.dimensions.map((d) => ({ key: d, label: t(`appraisal.dim.${d}` as MsgKey) }))];
    return appraisal.units.flatMap((u) =>
      qs.map((q) => ({ key: `${u.id}:${q.key}`, unitId: u.id, unitName: u.name, question: q.key, questionLabel: q.label })),
    );
  }, [appraisal, t]);

  const setCount = (key: string, r: Rating, n: number | null) => setCounts((c) => ({ ...c, [key]: { ...(c[key] ?? ZERO), [r]: n ?? 0 } }));

  async function save() {
    setBusy(true);
    setError(null);
    try {
      await appraisalsApi.paper(appraisal.id, {
        ballots: ballots ?? 0,
        counts: lines.map((l) => ({ unitId: l.unitId, question: l.question, ...(counts[l.key] ?? ZERO) })),
      });
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
      width={760}
      destroyOnHidden
    >
      <p>{t('appraisal.paperHint')}</p>
      <Form layout="inline" style={{ marginBottom: 12 }}>
        <Form.Item label={t('appraisal.paperBallots.count')} htmlFor="paper-ballots">
          <InputNumber id="paper-ballots" min={1} max={100000} value={ballots} onChange={setBallots} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Line>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={lines}
        scroll={{ x: 600 }}
        columns={[
          { key: 'unit', title: t('appraisal.issue.unit'), dataIndex: 'unitName' },
          { key: 'q', title: t('appraisal.rating'), dataIndex: 'questionLabel' },
          ...RATINGS.map((r) => ({
            key: r,
            title: t(`appraisal.rating.${r}` as MsgKey),
            width: 110,
            render: (_: unknown, l: Line) => (
              <InputNumber
                aria-label={`${l.unitName} ${l.questionLabel} ${t(`appraisal.rating.${r}` as MsgKey)}`}
                min={0}
                max={100000}
                value={counts[l.key]?.[r] ?? 0}
                onChange={(n) => setCount(l.key, r, n)}
                style={{ width: 90 }}
              />
            ),
          })),
        ]}
      />
    </Modal>
  );
}
