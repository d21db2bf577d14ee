import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal, Typography } from 'antd';
import { useId, useMemo, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { type PresidiumMember, presidiumApi } from '../../api/presidium.ts';
import { useT } from '../../i18n/index.tsx';
import { DeputySearchSelect } from './DeputySearchSelect.tsx';

type Props = { termId: string; member: PresidiumMember; members: PresidiumMember[]; onClose: () => void };

/**
 * (Mounted while open.) 包联: the deputies a presidium member keeps in touch with. A deputy is kept by one member per term:
 * the list says who keeps a deputy now, and the server's refusal (409) is shown in the dialog, naming
 * the deputy and the member.
 */
export function LiaisonsModal({ termId, member, members, onClose }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ deputyIds: string[] }>();
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const alertId = useId();

  const keptBy = useMemo(() => {
    const m = new Map<string, string>();
    for (const x of members) if (x.id !== member.id) for (const d of x.liaisonDeputies) m.set(d.id, x.deputyName);
    return m;
  }, [members, member.id]);
  const presidiumDeputies = useMemo(() => new Map(members.map((x) => [x.deputyId, x.id])), [members]);

  // Mounted for one edit: the list is read once, so the refetch after a conflict keeps the user's choice.
  const [initial] = useState(() => ({ deputyIds: member.liaisonDeputies.map((d) => d.id) }));

  async function submit({ deputyIds }: { deputyIds: string[] }) {
    setSaving(true);
    setConflict(null);
    try {
      await presidiumApi.setLiaisons(member.id, deputyIds ?? []);
      void qc.invalidateQueries({ queryKey: ['presidium'] });
      void qc.invalidateQueries({ queryKey: ['audit'] });
      message.success(t('common.saved'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setConflict(e.message);
        form.setFields([{ name: 'deputyIds', errors: [t('presidium.liaisonConflictHint')] }]);
        // Another admin may have moved deputies meanwhile: refresh who keeps whom.
        void qc.invalidateQueries({ queryKey: ['presidium'] });
      } else if (!applyServerErrors(form, e, ['deputyIds'])) message.error((e as Error).message, 6);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('presidium.liaisonsTitle', { name: member.deputyName })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      {conflict && (
        <Alert id={alertId} role="alert" type="error" showIcon title={t('presidium.liaisonConflict')} description={conflict} style={{ marginBottom: 16 }} />
      )}
      <Typography.Paragraph type="secondary">{t('presidium.liaisonRule')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item name="deputyIds" label={t('presidium.liaisonDeputies')}>
          <DeputySearchSelect
            multiple
            termId={termId}
            allowClear
            placeholder={t('presidium.searchDeputy')}
            aria-describedby={conflict ? alertId : undefined}
            known={member.liaisonDeputies}
            unavailable={(id) => id === member.deputyId}
            note={(id) =>
              keptBy.has(id)
                ? t('presidium.keptBy', { name: keptBy.get(id) ?? '' })
                : id === member.deputyId
                  ? t('presidium.self')
                  : presidiumDeputies.has(id)
                    ? t('presidium.isMember')
                    : null
            }
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
