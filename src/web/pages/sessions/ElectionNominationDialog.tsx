import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { type CandidateInput, type Election, type Nominator, electionsApi } from '../../api/elections.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { useT } from '../../i18n/index.tsx';
import { CandidatePicker } from './CandidatePicker.tsx';

/** A joint nomination by deputies needs this many (the server checks with NOMINATION_MIN_SIGNERS). */
const MIN_SIGNERS = 10;

type CandidateRow = { source: 'roster' | 'free'; deputyId?: string | null; name?: string; gender?: 'male' | 'female'; party?: string; title?: string };
type Values = { nominator: Nominator; signerIds?: string[]; submittedOn?: Dayjs; notes?: string; candidates: CandidateRow[] };

/**
 * Add a nomination: by the presidium, or by ten or more deputies on the session's roll (picked from the
 * roll). Candidates come from the roster (copied by the server) or are typed in (a town head need not be
 * a deputy); a name already nominated joins that candidate.
 */
export default function ElectionNominationDialog({
  sessionId,
  election,
  open,
  onClose,
}: {
  sessionId: string;
  election: Election;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const nominator = Form.useWatch('nominator', form);
  const signerIds = Form.useWatch('signerIds', form) ?? [];
  const rows = Form.useWatch('candidates', form) ?? [];
  // 主席、副主席、主席团成员 are elected from the deputies on the session's roll: no free entry (the server refuses it).
  const deputiesOnly = election.post === 'chair' || election.post === 'vice_chair' || election.post === 'presidium_member';
  const roll = useQuery({
    queryKey: ['sessions', sessionId, 'roll'],
    queryFn: () => electionsApi.roll(sessionId),
    // Signers and candidates both come from the roll.
    enabled: open,
    retry: false,
  });

  const save = useMutation({
    mutationFn: (v: Values) => {
      const candidates: CandidateInput[] = v.candidates.map((c) =>
        c.source === 'roster'
          ? { deputyId: c.deputyId ?? undefined }
          : { name: c.name?.trim(), gender: c.gender ?? null, party: c.party?.trim() || undefined, title: c.title?.trim() || undefined },
      );
      return electionsApi.nominate(sessionId, election.id, {
        nominator: v.nominator,
        signerIds: v.nominator === 'deputies' ? (v.signerIds ?? []) : undefined,
        submittedOn: v.submittedOn?.format('YYYY-MM-DD'),
        notes: v.notes?.trim() || undefined,
        candidates,
      });
    },
    onSuccess: () => {
      message.success(t('election.saved'));
      qc.invalidateQueries({ queryKey: ['sessions', sessionId] });
      form.resetFields();
      onClose();
    },
    onError: (err) => {
      applyServerErrors(form, err, ['nominator', 'signerIds', 'submittedOn', 'notes', 'candidates']);
      message.error((err as Error).message);
    },
  });

  return (
    <Modal
      open={open}
      title={`${t('election.addNomination')} · ${election.postName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={{ nominator: 'presidium', candidates: [{ source: 'roster' }] }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="nominator" label={t('election.nominator')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'presidium', label: t('election.nominator.presidium') },
              { value: 'deputies', label: t('election.nominator.deputies') },
            ]}
          />
        </Form.Item>
        {roll.isError && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('election.rollUnavailable', { message: (roll.error as Error).message })} />
        )}
        {nominator === 'deputies' && (
          <Form.Item
            name="signerIds"
            label={t('election.signers')}
            extra={t('election.signersHint', { n: signerIds.length, min: MIN_SIGNERS })}
            validateStatus={signerIds.length > 0 && signerIds.length < MIN_SIGNERS ? 'warning' : undefined}
            rules={[{ required: true, type: 'array', min: MIN_SIGNERS, message: t('election.signersHint', { n: signerIds.length, min: MIN_SIGNERS }) }]}
          >
            <Select
              mode="multiple"
              allowClear
              loading={roll.isLoading}
              optionFilterProp="label"
              options={(roll.data?.entries ?? []).map((e) => ({ value: e.deputyId, label: `${e.name}（${e.code}）` }))}
            />
          </Form.Item>
        )}
        <Form.List name="candidates">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((f, i) => {
                const row = rows[i];
                return (
                  <Card
                    key={f.key}
                    size="small"
                    title={t('election.candidateN', { n: i + 1 })}
                    extra={
                      fields.length > 1 ? (
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('election.removeCandidate', { n: i + 1 })}
                          onClick={() => remove(f.name)}
                        />
                      ) : undefined
                    }
                  >
                    {!deputiesOnly && (
                      <Form.Item name={[f.name, 'source']} style={{ marginBottom: 8 }}>
                        <Radio.Group
                          options={[
                            { value: 'roster', label: t('election.fromRoster') },
                            { value: 'free', label: t('election.freeEntry') },
                          ]}
                        />
                      </Form.Item>
                    )}
                    {row?.source === 'free' && !deputiesOnly ? (
                      <Space wrap style={{ width: '100%' }} align="start">
                        <Form.Item name={[f.name, 'name']} label={t('election.name')} rules={[{ required: true, whitespace: true }, { max: 50 }]}>
                          <Input style={{ width: 160 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'gender']} label={t('election.gender')}>
                          <Select
                            allowClear
                            style={{ width: 90 }}
                            options={[
                              { value: 'male', label: t('election.male') },
                              { value: 'female', label: t('election.female') },
                            ]}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'party']} label={t('election.party')}>
                          <Input style={{ width: 140 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'title']} label={t('election.jobTitle')}>
                          <Input style={{ width: 200 }} />
                        </Form.Item>
                      </Space>
                    ) : (
                      <Form.Item name={[f.name, 'deputyId']} label={t('election.pickDeputy')} rules={[{ required: true }]}>
                        <CandidatePicker
                          aria-label={t('election.pickDeputy')}
                          roll={roll.data?.entries ?? []}
                          rollLoading={roll.isLoading}
                          rollOnly={deputiesOnly}
                        />
                      </Form.Item>
                    )}
                  </Card>
                );
              })}
              <Button icon={<PlusOutlined />} onClick={() => add({ source: 'roster' })} disabled={fields.length >= election.seats}>
                {t('election.addCandidate')}
              </Button>
            </Space>
          )}
        </Form.List>
        <Space wrap style={{ marginTop: 16 }} align="start">
          <Form.Item name="submittedOn" label={t('election.submittedOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="notes" label={t('election.notes')} rules={[{ max: 1000 }]}>
            <Input style={{ width: 280 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
