import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Space, Table, Typography } from 'antd';
import { checkTally, tallyRound } from '../../../server/modules/sessions/sessions.rules.ts';
import type { Election } from '../../api/elections.ts';
import { electionsApi } from '../../api/elections.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import { useT } from '../../i18n/index.tsx';

/*
 * Record a round: the ballot figures, for / against / abstain per standing candidate, write-ins (另选他人),
 * checked as they are typed and previewed with the same pure rules the server decides with
 * (checkTally, tallyRound from sessions.rules.ts), against all deputies on the roll.
 */

type Line = { candidateId: string; for?: number | null; against?: number | null; abstain?: number | null };
type Values = {
  issued?: number | null;
  returned?: number | null;
  valid?: number | null;
  invalid?: number | null;
  lines: Line[];
  writeIns?: { name?: string; for?: number | null }[];
};

const n = (v: number | null | undefined) => (typeof v === 'number' ? v : 0);

export default function ElectionRoundDialog({
  sessionId,
  election,
  roll,
  open,
  onClose,
}: {
  sessionId: string;
  election: Election;
  roll: { all: number; present: number };
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const standing = election.candidates.filter((c) => !c.withdrawn && !c.elected);
  const seats = election.seatsLeft;
  const roundNo = (election.rounds.at(-1)?.round ?? 0) + 1;
  const values = Form.useWatch([], form) as Values | undefined;

  const b = { issued: n(values?.issued), returned: n(values?.returned), valid: n(values?.valid), invalid: n(values?.invalid) };
  const lines = [
    ...(values?.lines ?? []).map((l) => ({ key: l.candidateId, for: n(l.for), against: n(l.against), abstain: n(l.abstain) })),
    ...(values?.writeIns ?? []).map((w, i) => ({ key: `w${i}`, for: n(w.for), against: 0, abstain: 0 })),
  ];
  const nameOf = (key: string) => standing.find((c) => c.id === key)?.name ?? values?.writeIns?.[Number(key.slice(1))]?.name ?? key;
  const touched = values?.issued != null;
  const check = checkTally(b, roll.present, lines, seats);
  const result = tallyRound(b, roll.all, seats, lines);

  const save = useMutation({
    mutationFn: (v: Values) =>
      electionsApi.recordRound(sessionId, election.id, {
        version: election.version,
        issued: n(v.issued),
        returned: n(v.returned),
        valid: n(v.valid),
        invalid: n(v.invalid),
        lines: v.lines.map((l) => ({ candidateId: l.candidateId, for: n(l.for), against: n(l.against), abstain: n(l.abstain) })),
        writeIns: (v.writeIns ?? []).filter((w) => w.name?.trim()).map((w) => ({ name: (w.name ?? '').trim(), for: n(w.for) })),
      }),
    onSuccess: () => {
      message.success(t('election.saved'));
      qc.invalidateQueries({ queryKey: ['sessions', sessionId] });
      onClose();
    },
    onError: (err) => {
      applyServerErrors(form, err, ['issued', 'returned', 'valid', 'invalid', 'lines', 'writeIns']);
      message.error((err as Error).message);
    },
  });

  const num = (name: (string | number)[], label: string) => (
    <Form.Item name={name} noStyle>
      <InputNumber min={0} precision={0} aria-label={label} style={{ width: 84 }} />
    </Form.Item>
  );

  return (
    <Modal
      open={open}
      title={`${t('election.recordRound')} · ${election.postName} · ${t('election.roundTitle', { n: roundNo, seats })}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      width={720}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ lines: standing.map((c) => ({ candidateId: c.id })), writeIns: [] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Typography.Paragraph type="secondary">{t('election.rollLine', { all: roll.all, present: roll.present, needed: result.needed })}</Typography.Paragraph>
        <Space wrap align="start">
          {(['issued', 'returned', 'valid', 'invalid'] as const).map((k) => (
            <Form.Item key={k} name={k} label={t(`election.${k}`)} rules={[{ required: true }]}>
              <InputNumber min={0} precision={0} style={{ width: 110 }} />
            </Form.Item>
          ))}
        </Space>
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={standing}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'name', title: t('election.name'), render: (_, c) => c.name },
            { key: 'for', title: t('election.for'), render: (_, c, i) => num(['lines', i, 'for'], t('election.forOf', { name: c.name })) },
            { key: 'against', title: t('election.against'), render: (_, c, i) => num(['lines', i, 'against'], t('election.againstOf', { name: c.name })) },
            { key: 'abstain', title: t('election.abstain'), render: (_, c, i) => num(['lines', i, 'abstain'], t('election.abstainOf', { name: c.name })) },
          ]}
        />
        {standing.map((c, i) => (
          <Form.Item key={c.id} name={['lines', i, 'candidateId']} hidden>
            <Input />
          </Form.Item>
        ))}
        <Typography.Title level={3} style={{ fontSize: 14, marginTop: 16 }}>
          {t('election.writeIns')}
        </Typography.Title>
        <Form.List name="writeIns">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true }, { max: 50 }]}>
                    <Input aria-label={t('election.writeInName', { n: i + 1 })} placeholder={t('election.name')} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'for']}>
                    <InputNumber
                      min={0}
                      precision={0}
                      aria-label={t('election.writeInFor', { n: i + 1 })}
                      placeholder={t('election.for')}
                      style={{ width: 100 }}
                    />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('election.removeWriteIn', { n: i + 1 })} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})}>
                {t('election.addWriteIn')}
              </Button>
            </>
          )}
        </Form.List>
        <div aria-live="polite" style={{ marginTop: 16 }}>
          {touched && !check.ok && (
            <Alert
              type="error"
              showIcon
              title={`${check.field.startsWith('lines') ? t('election.candidates') : t(`election.${check.field}` as 'election.valid')}：${check.message}`}
            />
          )}
          {touched && check.ok && (
            <Alert
              type={result.outcome === 'filled' ? 'success' : result.outcome === 'void' ? 'error' : 'warning'}
              showIcon
              title={t('election.threshold', { n: result.needed })}
              description={
                <>
                  {t('election.checkOk')}。{t('election.preview')}
                  {result.outcome === 'void'
                    ? t('election.previewVoid')
                    : [
                        result.elected.length ? t('election.previewElected', { names: result.elected.map(nameOf).join('、') }) : t('election.previewNone'),
                        result.tiedAtCutoff.length ? t('election.previewTied', { names: result.tiedAtCutoff.map(nameOf).join('、') }) : '',
                        result.unfilled ? t('election.previewUnfilled', { n: result.unfilled }) : '',
                      ]
                        .filter(Boolean)
                        .join('；')}
                </>
              }
            />
          )}
          {!touched && <Alert type="info" showIcon title={t('election.threshold', { n: result.needed })} />}
        </div>
      </Form>
    </Modal>
  );
}
