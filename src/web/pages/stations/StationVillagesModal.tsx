import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal } from 'antd';
import { useEffect, useId, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { type StationDetail, stationsApi } from '../../api/stations.ts';
import { VillagePicker } from '../../components/VillagePicker.tsx';
import { useStations } from '../../hooks/useLookups.ts';
import { useT } from '../../i18n/index.tsx';

type Props = { open: boolean; station: StationDetail; onClose: () => void };

/**
 * The villages a station covers. A village belongs to one station only: the choices say which station
 * covers a village now, and the server's refusal (409) is shown in the dialog, naming both.
 */
export function StationVillagesModal({ open, station, onClose }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ villageIds: string[] }>();
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const alertId = useId();
  const others = (useStations().data ?? []).filter((s) => s.id !== station.id && s.villageCount > 0);
  // A town has a handful of stations; their details say which villages each one covers.
  const details = useQueries({
    queries: others.map((s) => ({ queryKey: ['stations', 'one', s.id], queryFn: () => stationsApi.get(s.id), enabled: open })),
  });
  const coveredBy = new Map<string, string>();
  for (const d of details) for (const v of d.data?.villages ?? []) coveredBy.set(v.id, d.data?.name ?? '');

  useEffect(() => {
    if (open) {
      form.setFieldsValue({ villageIds: station.villages.map((v) => v.id) });
      setConflict(null);
    }
  }, [open, station, form]);

  async function submit({ villageIds }: { villageIds: string[] }) {
    setSaving(true);
    setConflict(null);
    try {
      const saved = await stationsApi.setVillages(station.id, villageIds, station.version);
      qc.setQueryData(['stations', 'one', saved.id], saved);
      void qc.invalidateQueries({ queryKey: ['stations', 'list'] });
      void qc.invalidateQueries({ queryKey: ['audit'] });
      message.success(t('common.saved'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.issues.length === 0) {
        // Someone else changed the station since this form opened: reload it rather than overwrite.
        message.warning(t('common.conflict'), 6);
        void qc.invalidateQueries({ queryKey: ['stations', 'one', station.id] });
      } else if (e instanceof ApiError && e.status === 409) {
        setConflict(e.message);
        form.setFields([{ name: 'villageIds', errors: [t('station.villageConflictHint')] }]);
        // The other station may have changed meanwhile; refresh what the choices say.
        void qc.invalidateQueries({ queryKey: ['stations'] });
      } else if (!applyServerErrors(form, e, ['villageIds'])) message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      // Room for the close button: a long station name would run under it.
      title={<span style={{ display: 'block', paddingInlineEnd: 28 }}>{t('station.editVillagesTitle', { name: station.name })}</span>}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      {conflict && (
        <Alert id={alertId} role="alert" type="error" showIcon title={t('station.villageConflict')} description={conflict} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="villageIds" label={t('station.villages')} extra={t('station.villagesHint')}>
          <VillagePicker
            aria-describedby={conflict ? alertId : undefined}
            note={(id) => (coveredBy.has(id) ? t('station.coveredBy', { name: coveredBy.get(id) ?? '' }) : null)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
