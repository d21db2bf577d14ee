import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, type FormInstance, Input, InputNumber, Select, Tooltip } from 'antd';
import { ROUTINGS, type Routing } from '../../api/receptions.ts';
import { Pill } from '../../components/Pill.tsx';
import { VillagePicker } from '../../components/VillagePicker.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useT } from '../../i18n/index.tsx';
import type { MatterValues } from './receptionFormat.ts';

/** One village for a matter, with the town's village picker (which picks several): the last one chosen wins. */
function OneVillage({ id, value, onChange, ...aria }: { id?: string; value?: string | null; onChange?: (v: string | null) => void; 'aria-label'?: string }) {
  return <VillagePicker {...aria} id={id} value={value ? [value] : []} onChange={(ids) => onChange?.(ids.length ? ids[ids.length - 1] : null)} />;
}

/**
 * The matters of a reception as rows of a table: who came (name, phone, how many), from which village,
 * what about (category, content) and where it went (routing, and its note — the reason when not
 * accepted). Rows wrap into cards on a phone. A matter already turned into a suggestion keeps its
 * routing and cannot be removed (the server refuses it too).
 */
export function MatterFields({ form, categories }: { form: FormInstance; categories: string[] }) {
  const t = useT();
  const mobile = useIsMobile();
  const matters = (Form.useWatch('matters', form) ?? []) as MatterValues[];
  const columns = mobile ? '1fr 1fr' : '1.2fr 1.2fr 0.6fr 1.3fr 1fr 1.3fr';
  const span = (n: number) => ({ gridColumn: mobile ? '1 / -1' : `span ${n}` });

  return (
    <Form.List name="matters">
      {(fields, { add, remove }) => (
        <div>
          {fields.length === 0 && <p style={{ color: '#595959' }}>{t('reception.noMatters')}</p>}
          <ol style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 12 }} aria-label={t('reception.matters')}>
            {fields.map((field, i) => {
              const n = i + 1;
              const m = matters[i] ?? {};
              const linked = m.suggestion ?? null;
              const label = (key: Parameters<typeof t>[0]) => `${t('reception.matter', { n })} ${t(key)}`;
              const notAccepted = m.routing === 'not_accepted';
              return (
                <li key={field.key} style={{ border: '1px solid #d9d9d9', borderRadius: 6, padding: '8px 12px 0' }} data-matter={n}>
                  <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 4 }}>
                    <strong>{t('reception.matter', { n })}</strong>
                    {linked && <Pill tone="info">{t('reception.linkedSuggestion', { code: linked.code })}</Pill>}
                    <span style={{ flex: 1 }} />
                    <Tooltip title={linked ? t('reception.linkedLocked') : undefined}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('reception.removeMatter', { n })}
                        disabled={!!linked}
                        onClick={() => remove(field.name)}
                      />
                    </Tooltip>
                  </div>
                  <div style={{ display: 'grid', gridTemplateColumns: columns, columnGap: 12 }}>
                    <Form.Item name={[field.name, 'id']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[field.name, 'visitorName']} label={t('reception.visitorName')} rules={[{ max: 50 }]}>
                      <Input aria-label={label('reception.visitorName')} maxLength={50} placeholder={t('reception.anonymous')} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'visitorPhone']}
                      label={t('reception.visitorPhone')}
                      rules={[{ max: 30 }, { pattern: /^[0-9+\-\s()]*$/, message: t('reception.phoneInvalid') }]}
                    >
                      <Input aria-label={label('reception.visitorPhone')} inputMode="tel" maxLength={30} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'visitorCount']} label={t('reception.visitorCountShort')} style={span(mobile ? 2 : 1)}>
                      <InputNumber aria-label={label('reception.visitorCountShort')} min={1} max={999} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'villageId']} label={t('reception.village')} style={mobile ? span(2) : undefined}>
                      <OneVillage aria-label={label('reception.village')} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'category']}
                      label={t('reception.category')}
                      rules={[{ required: true, message: t('common.requiredSelect', { field: t('reception.category') }) }]}
                    >
                      <Select
                        aria-label={label('reception.category')}
                        showSearch={{ optionFilterProp: 'label' }}
                        options={[...new Set([...categories, ...(m.category ? [m.category] : [])])].map((c) => ({ value: c, label: c }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'routing']}
                      label={t('reception.routing')}
                      rules={[{ required: true, message: t('common.requiredSelect', { field: t('reception.routing') }) }]}
                    >
                      <Select<Routing>
                        aria-label={label('reception.routing')}
                        disabled={!!linked}
                        options={ROUTINGS.map((r) => ({ value: r, label: t(`reception.routing.${r}`) }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'content']}
                      label={t('reception.content')}
                      style={span(mobile ? 2 : 4)}
                      rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('reception.content') }) }, { max: 2000 }]}
                    >
                      <Input.TextArea aria-label={label('reception.content')} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'routingNote']}
                      label={notAccepted ? t('reception.routingNoteReason') : t('reception.routingNote')}
                      style={span(2)}
                      dependencies={[['matters', field.name, 'routing']]}
                      rules={[{ required: notAccepted, whitespace: true, message: t('reception.routingNoteRequired') }, { max: 1000 }]}
                    >
                      <Input.TextArea
                        aria-label={label(notAccepted ? 'reception.routingNoteReason' : 'reception.routingNote')}
                        autoSize={{ minRows: 2, maxRows: 4 }}
                        maxLength={1000}
                      />
                    </Form.Item>
                  </div>
                </li>
              );
            })}
          </ol>
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            style={{ marginTop: 12 }}
            block={mobile}
            onClick={() =>
              add({
                visitorCount: 1,
                routing: 'on_spot',
                category: undefined,
                content: '',
                visitorName: '',
                visitorPhone: '',
                routingNote: '',
              } satisfies MatterValues)
            }
          >
            {t('reception.addMatter')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
