import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Select, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import type { TemplateSection, TemplateSentence, TemplateSet } from '../../../shared/report/template.ts';
import { ADMINS } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { type Template, templatesApi } from '../../api/reports.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { FactPicker } from './FactPicker.tsx';
import { templateProblemPath } from './reportEdit.ts';
import { FACT_OPTIONS, type NamePath, sentenceId, TemplateSentences } from './TemplateSentences.tsx';
import { insertAt } from './reportEdit.ts';
import './reports.css';

type Values = { name: string; title: string; lead: TemplateSentence[]; sections: TemplateSection[] };

/** Empty `when` lists are left out: the stored template stays as the built-in one reads. */
function clean(s: TemplateSentence): TemplateSentence {
  return s.when && s.when.length > 0 ? { when: s.when, text: s.text } : { text: s.text };
}
function toBody(v: Values): TemplateSet {
  return {
    title: v.title ?? '',
    lead: (v.lead ?? []).map(clean),
    sections: (v.sections ?? []).map((s) => ({
      key: s.key,
      heading: s.heading ?? '',
      level: s.level,
      ...(s.when && s.when.length > 0 ? { when: s.when } : {}),
      sentences: (s.sentences ?? []).map(clean),
    })),
  };
}
const valuesOf = (x: Template): Values => ({ name: x.name, title: x.body.title, lead: x.body.lead, sections: x.body.sections });

/** One town template: the report title, the lead, the sections with their sentences and conditions. */
export default function TemplateEditPage() {
  const t = useT();
  const { id = '' } = useParams();
  const isAdmin = useHasRole(ADMINS);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const tpl = useQuery({ queryKey: ['report-template', id], queryFn: () => templatesApi.get(id) });
  const [saving, setSaving] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const [picking, setPicking] = useState<NamePath | null>(null);
  const loaded = useRef<number | null>(null);

  useEffect(() => {
    if (tpl.data && loaded.current !== tpl.data.version) {
      loaded.current = tpl.data.version;
      form.setFieldsValue(valuesOf(tpl.data));
    }
  }, [tpl.data, form]);

  async function save(v: Values) {
    if (!tpl.data) return;
    setSaving(true);
    setGeneral([]);
    try {
      const next = await templatesApi.update(id, { version: tpl.data.version, name: v.name.trim(), body: toBody(v) });
      qc.setQueryData(['report-template', id], next);
      loaded.current = next.version;
      void qc.invalidateQueries({ queryKey: ['report-templates'] });
      message.success(t('tpl.saved'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        message.warning(t('tpl.conflict'), 6);
        loaded.current = null;
        void tpl.refetch();
      } else if (e instanceof ApiError && e.issues.length > 0) {
        // Each problem of the template names its field under `body.body`; it is put back on that field.
        const fields: { name: NamePath; errors: string[] }[] = [];
        const rest: string[] = [];
        for (const issue of e.issues) {
          if (issue.field === 'body.name') fields.push({ name: ['name'], errors: [issue.message] });
          else {
            const at = templateProblemPath(issue.field, issue.message);
            if (at) fields.push({ name: at.name, errors: [at.message] });
            else rest.push(issue.message);
          }
        }
        form.setFields(fields as Parameters<typeof form.setFields>[0]);
        setGeneral(rest);
        if (fields[0]) form.scrollToField(fields[0].name as never, { block: 'center' });
        message.error(t('tpl.invalid'));
      } else message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  function insert(token: string) {
    const path = picking;
    setPicking(null);
    if (!path) return;
    const el = document.getElementById(sentenceId(path)) as HTMLTextAreaElement | null;
    const cur = (form.getFieldValue(path as never) as string | undefined) ?? '';
    const { text, caret } = insertAt(cur, el?.selectionStart, el?.selectionEnd, token);
    form.setFieldValue(path as never, text);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  }

  if (tpl.error) return <LoadError error={tpl.error} onRetry={() => void tpl.refetch()} />;
  if (!tpl.data) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  const ro = !isAdmin;

  return (
    <>
      <PageHeader
        back="/reports/templates"
        title={tpl.data.name}
        extra={
          isAdmin && (
            <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => form.submit()}>
              {t('common.save')}
            </Button>
          )
        }
      />
      {ro && <Alert type="info" style={{ marginBottom: 12 }} title={t('tpl.readOnly')} />}
      {general.length > 0 && (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={t('tpl.invalid')} description={general.join('；')} />
      )}
      <Form form={form} layout="vertical" onFinish={save} disabled={ro} style={{ maxWidth: 960 }}>
        <Card size="small" style={{ marginBottom: 16 }}>
          <Form.Item
            name="name"
            label={t('tpl.name')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('tpl.name') }) }, { max: 50 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="title" label={t('tpl.docTitle')} extra={t('tpl.docTitleHint')}>
            <Input />
          </Form.Item>
        </Card>
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('tpl.lead')}</h2>} style={{ marginBottom: 16 }}>
          <TemplateSentences base={['lead']} listName={['lead']} disabled={ro} onPick={setPicking} />
        </Card>
        <h2 style={{ fontSize: 16 }}>{t('tpl.sections')}</h2>
        <Form.List name="sections">
          {(fields, { add, remove, move }) => (
            <>
              {fields.map((f, i) => {
                const n = i + 1;
                return (
                  <Card
                    key={f.key}
                    size="small"
                    style={{ marginBottom: 12 }}
                    title={<h3 style={{ fontSize: 15, margin: 0 }}>{t('tpl.section', { n })}</h3>}
                    extra={
                      !ro && (
                        <span style={{ display: 'flex', gap: 2 }}>
                          <Button
                            size="small"
                            type="text"
                            icon={<ArrowUpOutlined />}
                            disabled={i === 0}
                            aria-label={t('tpl.moveUp', { n })}
                            onClick={() => move(i, i - 1)}
                          />
                          <Button
                            size="small"
                            type="text"
                            icon={<ArrowDownOutlined />}
                            disabled={i === fields.length - 1}
                            aria-label={t('tpl.moveDown', { n })}
                            onClick={() => move(i, i + 1)}
                          />
                          <Button
                            size="small"
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={t('tpl.removeSection', { n })}
                            onClick={() => remove(f.name)}
                          />
                        </span>
                      )
                    }
                  >
                    <Form.Item name={[f.name, 'key']} hidden>
                      <Input />
                    </Form.Item>
                    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
                      <Form.Item name={[f.name, 'heading']} label={t('tpl.headingOf', { n })} style={{ flex: '1 1 320px' }}>
                        <Input />
                      </Form.Item>
                      <Form.Item name={[f.name, 'level']} label={t('tpl.levelOf', { n })} style={{ width: 170 }}>
                        <Select options={[1, 2, 3].map((l) => ({ value: l, label: t(`tpl.level.${l as 1 | 2 | 3}`) }))} />
                      </Form.Item>
                    </div>
                    <Form.Item name={[f.name, 'when']} label={t('tpl.whenOf', { n })} extra={t('tpl.whenHint')}>
                      <Select mode="multiple" allowClear options={FACT_OPTIONS} optionFilterProp="label" />
                    </Form.Item>
                    <TemplateSentences base={['sections', f.name, 'sentences']} listName={[f.name, 'sentences']} disabled={ro} onPick={setPicking} />
                  </Card>
                );
              })}
              {!ro && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ key: `s${Date.now().toString(36)}`, heading: '', level: 2, sentences: [{ text: '' }] })}
                >
                  {t('tpl.addSection')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Typography.Paragraph />
      </Form>
      <FactPicker open={picking !== null} onPick={insert} onClose={() => setPicking(null)} />
    </>
  );
}
