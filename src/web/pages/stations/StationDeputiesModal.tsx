import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { applyServerErrors } from '../../api/form-errors.ts';
import { ApiError } from '../../api/client.ts';
import { type StationDetail, stationsApi } from '../../api/stations.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useT } from '../../i18n/index.tsx';
import { DeputyListEditor, type ListedDeputy } from './DeputyListEditor.tsx';

type Props = { open: boolean; station: StationDetail; onClose: () => void };

/** The deputies assigned to a station (进站代表). A deputy is at one station at most: choosing one moves them here. */
export function StationDeputiesModal({ open, station, onClose }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mobile = useIsMobile();
  const [form] = Form.useForm<{ deputyIds: ListedDeputy[] }>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (open) form.setFieldsValue({ deputyIds: station.deputies.map((d) => ({ id: d.id, name: d.name, code: d.code })) });
  }, [open, station, form]);

  async function submit({ deputyIds }: { deputyIds: ListedDeputy[] }) {
    setSaving(true);
    try {
      const saved = await stationsApi.setDeputies(
        station.id,
        deputyIds.map((d) => d.id),
        station.version,
      );
      qc.setQueryData(['stations', 'one', saved.id], saved);
      // Deputies moved from another station change that station and their own records too.
      void qc.invalidateQueries({ queryKey: ['stations'] });
      void qc.invalidateQueries({ queryKey: ['deputies'] });
      void qc.invalidateQueries({ queryKey: ['audit'] });
      message.success(t('common.saved'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.issues.length === 0) {
        // Someone else changed the station since this form opened: reload it rather than overwrite.
        message.warning(t('common.conflict'), 6);
        void qc.invalidateQueries({ queryKey: ['stations', 'one', station.id] });
      } else if (!applyServerErrors(form, e, ['deputyIds'])) message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      // Room for the close button: a long station name would run under it.
      title={<span style={{ display: 'block', paddingInlineEnd: 28 }}>{t('station.editDeputiesTitle', { name: station.name })}</span>}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={mobile ? undefined : 720}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="deputyIds" extra={t('station.deputiesHint')}>
          <DeputyListEditor stationId={station.id} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
