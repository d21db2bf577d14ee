import { Alert, App, Form, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { RATINGS, type Rating } from '../../api/appraisals.ts';
import { type DutyReport, dutyReportsApi } from '../../api/dutyReports.ts';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';

/** A batch of paper ballots for one duty report: the number of sheets and the votes per answer. */
export function DutyPaperDialog({ report, open, onClose }: { report: DutyReport; open: boolean; onClose: (changed: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [ballots, setBallots] = useState<number | null>(null);
  const [counts, setCounts] = useState<Record<Rating, number>>({ satisfied: 0, basic: 0, dissatisfied: 0 });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    setBusy(true);
    setError(null);
    try {
      await dutyReportsApi.paper(report.id, { ballots: ballots ?? 0, ...counts });
      message.success(t('common.saved'));
      setBallots(null);
      setCounts({ satisfied: 0, basic: 0, dissatisfied: 0 });
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
      title={t('dutyReport.paper')}
      onOk={save}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <p>{t('dutyReport.paperHint')}</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form layout="vertical">
        <Form.Item label={t('appraisal.paperBallots.count')} htmlFor="dr-paper-ballots">
          <InputNumber id="dr-paper-ballots" min={1} max={100000} value={ballots} onChange={setBallots} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          {RATINGS.map((r) => (
            <Form.Item key={r} label={t(`appraisal.rating.${r}` as MsgKey)} htmlFor={`dr-paper-${r}`}>
              <InputNumber id={`dr-paper-${r}`} min={0} max={100000} value={counts[r]} onChange={(n) => setCounts((c) => ({ ...c, [r]: n ?? 0 }))} />
            </Form.Item>
          ))}
        </div>
      </Form>
    </Modal>
  );
}
