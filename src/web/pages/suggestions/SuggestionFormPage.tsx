import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Radio, Select, Skeleton, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { STAFF } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { sessionStatsApi } from '../../api/sessionStats.ts';
import { applyServerErrors } from '../../api/form-errors.ts';
import {
  DEPUTY_SOURCE_TYPES,
  SOURCE_TYPES,
  SUGGESTION_KINDS,
  type SourceType,
  type Suggestion,
  type SuggestionInput,
  type SuggestionKind,
  suggestionsApi,
} from '../../api/suggestions.ts';
import { DeputyPicker, type KnownDeputy } from '../../components/DeputyPicker.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useDebounced } from '../../hooks/useDebounced.ts';
import { useMe } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { AttachmentsField, type Attached, CoSponsorsField, OneVillage } from './FormFields.tsx';
import { StatePill } from './SuggestionTags.tsx';
import { type Prefill, parsePrefill, titleFromContent } from './suggestionFormat.ts';
import { detailKey } from './useSuggestionAction.ts';
import { useSuggestionSettings } from './useSuggestionSettings.ts';

type Values = {
  kind: SuggestionKind;
  title: string;
  content: string;
  grounds?: string;
  proposal?: string;
  category?: string;
  villageId?: string;
  sourceType: SourceType;
  /** The congress session, when the source is 人代会期间. */
  sessionId?: string | null;
  leadDeputyId?: string | null;
  coSponsors: KnownDeputy[];
  files: Attached[];
};
const FIELDS = [
  'kind',
  'title',
  'content',
  'grounds',
  'proposal',
  'category',
  'villageId',
  'sourceType',
  'sessionId',
  'leadDeputyId',
  'coSponsors',
  'files',
] as const;
// The server names a few fields differently from this form.
const RENAME = { coSponsorIds: 'coSponsors', fileIds: 'files', sourceId: 'sourceType' };

/** 新建建议 (`/suggestions/new`, prefilled from the address) and 编辑建议 (`/suggestions/:id/edit`). */
export default function SuggestionFormPage() {
  const { id } = useParams();
  const t = useT();
  const q = useQuery({ queryKey: detailKey(id ?? ''), queryFn: () => suggestionsApi.get(id as string), enabled: !!id });
  if (!id) return <SuggestionForm />;
  if (q.error)
    return (
      <>
        <PageHeader title={t('suggestion.navEdit')} back="/suggestions" />
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  if (!q.data)
    return (
      <>
        <PageHeader title={t('suggestion.navEdit')} />
        <Skeleton active />
      </>
    );
  return <SuggestionForm editing={q.data} />;
}

function valuesOf(s: Suggestion): Values {
  const lead = s.sponsors.find((p) => p.role === 'lead');
  return {
    kind: s.kind,
    title: s.title,
    content: s.content,
    grounds: s.grounds,
    proposal: s.proposal,
    category: s.category,
    villageId: s.village?.id,
    sourceType: s.sourceType,
    sessionId: s.sessionId,
    leadDeputyId: lead?.deputyId ?? null,
    coSponsors: s.sponsors.filter((p) => p.role === 'co').map((p) => ({ id: p.deputyId, name: p.name })),
    files: s.files.map((f) => ({ id: f.id, name: f.name, size: f.size })),
  };
}

function SuggestionForm({ editing }: { editing?: Suggestion }) {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [sp] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState<'draft' | 'submit' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const settings = useSuggestionSettings();
  const isDeputy = me.user.role === 'deputy';
  const isStaff = STAFF.includes(me.user.role);
  const prefill: Prefill = useMemo(() => (editing ? {} : parsePrefill(sp, 100)), [editing, sp]);
  const sourceType = (Form.useWatch('sourceType', form) as SourceType | undefined) ?? editing?.sourceType ?? prefill.sourceType;
  const leadDeputyId = Form.useWatch('leadDeputyId', form) as string | null | undefined;
  const coSponsors = (Form.useWatch('coSponsors', form) as KnownDeputy[] | undefined) ?? [];
  const title = (Form.useWatch('title', form) as string | undefined) ?? '';
  const sourceId = editing?.sourceId ?? prefill.sourceId;
  // A matter or a portal opinion turned into a suggestion keeps its source; the form does not change it.
  const sourceLocked = !!sourceId && (sourceType === 'reception' || sourceType === 'portal');
  const leadKnown = editing?.sponsors.find((p) => p.role === 'lead');

  useEffect(() => {
    form.resetFields();
    if (editing) form.setFieldsValue(valuesOf(editing));
    else
      form.setFieldsValue({
        kind: 'suggestion',
        title: prefill.title ?? (prefill.content ? titleFromContent(prefill.content) : ''),
        content: prefill.content ?? '',
        category: prefill.category,
        villageId: prefill.villageId,
        sourceType: prefill.sourceType ?? 'deputy',
        sessionId: prefill.sessionId ?? null,
        leadDeputyId: null,
        coSponsors: [],
        files: [],
      });
  }, [editing, prefill, form]);

  // Likely duplicates while the subject is typed (staff only: the route is theirs).
  const dq = useDebounced(title.trim(), 500);
  const duplicates = useQuery({
    queryKey: ['suggestions', 'duplicates', 'form', dq, editing?.id ?? null],
    queryFn: () => suggestionsApi.duplicates({ title: dq, excludeId: editing?.id }),
    enabled: isStaff && dq.length >= 4,
    staleTime: 60_000,
    retry: false,
  });
  // The town's congress sessions for the 会议 field (shown when the source is 人代会期间).
  const sessions = useQuery({
    queryKey: ['sessions', 'options'],
    queryFn: () => sessionStatsApi.options(),
    enabled: sourceType === 'session',
    staleTime: 60_000,
  });

  async function save(submit: boolean) {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setProblem(null);
    const body: SuggestionInput = {
      kind: v.kind,
      title: v.title.trim(),
      content: v.content.trim(),
      grounds: (v.grounds ?? '').trim(),
      proposal: (v.proposal ?? '').trim(),
      category: v.category ?? '',
      villageId: v.villageId ?? undefined,
      sourceType: v.sourceType,
      // A session only goes with the source 人代会期间; another source clears it.
      sessionId: v.sourceType === 'session' ? (v.sessionId ?? null) : null,
      ...(sourceId ? { sourceId } : {}),
      ...(isDeputy ? {} : { leadDeputyId: v.leadDeputyId ?? undefined }),
      coSponsorIds: v.coSponsors.map((d) => d.id),
      fileIds: v.files.map((f) => f.id),
    };
    setSaving(submit ? 'submit' : 'draft');
    try {
      let saved: Suggestion;
      if (editing) {
        const { villageId, leadDeputyId, ...rest } = body;
        saved = await suggestionsApi.update(editing.id, {
          ...rest,
          // PUT takes null to clear a village or the lead.
          villageId: villageId ?? null,
          ...(isDeputy ? {} : { leadDeputyId: leadDeputyId ?? null }),
          version: editing.version,
        });
        if (submit && saved.actions.includes('submit')) saved = await suggestionsApi.act(saved.id, 'submit', { version: saved.version });
      } else saved = await suggestionsApi.create({ ...body, submit });
      qc.setQueryData(detailKey(saved.id), saved);
      void qc.invalidateQueries({ queryKey: ['suggestions'] });
      message.success(submit ? t('suggestion.edit.submitted') : editing ? t('suggestion.edit.saved') : t('suggestion.edit.created', { code: saved.code }));
      navigate(`/suggestions/${saved.id}`, { replace: !!editing });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && editing) void qc.invalidateQueries({ queryKey: detailKey(editing.id) });
      if (!applyServerErrors(form, e, FIELDS, RENAME)) setProblem((e as Error).message);
    } finally {
      setSaving(null);
    }
  }

  const sourceOptions = (isDeputy ? DEPUTY_SOURCE_TYPES : SOURCE_TYPES.filter((s) => sourceLocked || (s !== 'reception' && s !== 'portal'))).map((s) => ({
    value: s,
    label: t(`suggestion.sourceType.${s}`),
  }));
  const categories = settings.data?.categories ?? [];
  const canSubmit = !editing || editing.state === 'draft';
  const required = (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t('common.required', { field: t(key) }) }];

  return (
    <>
      <PageHeader
        title={editing ? t('suggestion.edit.editTitle', { code: editing.code }) : t('suggestion.edit.newTitle')}
        back={editing ? `/suggestions/${editing.id}` : isDeputy ? '/my-suggestions' : '/suggestions'}
        extra={editing ? <StatePill state={editing.state} /> : undefined}
      />
      <Card style={{ maxWidth: 860 }}>
        {sourceLocked && sourceType && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('suggestion.edit.fromSource', { source: t(`suggestion.sourceType.${sourceType}`) })}
          />
        )}
        {problem && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={problem} />}
        <Form form={form} layout="vertical" requiredMark name="suggestion-form" disabled={saving !== null}>
          <Form.Item name="kind" label={t('suggestion.kind')} rules={[{ required: true }]}>
            <Radio.Group options={SUGGESTION_KINDS.map((k) => ({ value: k, label: t(`suggestion.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="title" label={t('suggestion.title')} extra={t('suggestion.edit.titleHint')} rules={[...required('suggestion.title'), { max: 100 }]}>
            <Input maxLength={100} showCount />
          </Form.Item>
          {isStaff && (duplicates.data?.items.length ?? 0) > 0 && (
            <Alert
              type="warning"
              style={{ marginBottom: 16 }}
              title={t('suggestion.edit.duplicatesFound')}
              description={
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {duplicates.data?.items.slice(0, 5).map((d) => (
                    <li key={d.id}>
                      <a href={`/suggestions/${d.id}`} target="_blank" rel="noreferrer" style={{ textDecoration: 'underline' }}>
                        {d.code} {d.title}
                      </a>
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          <Form.Item name="content" label={t('suggestion.content')} rules={[...required('suggestion.content'), { max: 10000 }]}>
            <Input.TextArea rows={5} maxLength={10000} />
          </Form.Item>
          <Form.Item name="grounds" label={t('suggestion.grounds')} extra={t('suggestion.edit.groundsHint')} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item name="proposal" label={t('suggestion.proposal')} extra={t('suggestion.edit.proposalHint')} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 16px' }}>
            <Form.Item
              name="category"
              label={t('suggestion.category')}
              rules={[{ required: true, message: t('common.requiredSelect', { field: t('suggestion.category') }) }]}
              style={{ minWidth: 180 }}
            >
              <Select options={categories.map((c) => ({ value: c, label: c }))} loading={settings.isFetching} />
            </Form.Item>
            <Form.Item name="sourceType" label={t('suggestion.source')} rules={[{ required: true }]} style={{ minWidth: 180 }}>
              <Select options={sourceOptions} disabled={sourceLocked} />
            </Form.Item>
            {sourceType === 'session' && (
              <Form.Item name="sessionId" label={t('sessionStats.form.session')} extra={t('sessionStats.form.sessionHint')} style={{ minWidth: 260 }}>
                <Select
                  allowClear
                  placeholder={t('sessionStats.form.sessionPlaceholder')}
                  loading={sessions.isFetching}
                  options={(sessions.data?.items ?? []).map((s) => ({
                    value: s.id,
                    label: `${s.name}（${s.startDate}，${t(`sessionStats.form.status.${s.status}`)}）`,
                  }))}
                />
              </Form.Item>
            )}
          </div>
          <Form.Item name="villageId" label={t('suggestion.edit.village')}>
            <OneVillage />
          </Form.Item>
          {isDeputy ? (
            <Form.Item label={t('suggestion.leadDeputy')}>
              <span>{t('suggestion.edit.leadSelf', { name: leadKnown?.name ?? me.user.displayName })}</span>
            </Form.Item>
          ) : (
            <Form.Item
              name="leadDeputyId"
              label={t('suggestion.leadDeputy')}
              rules={sourceType === 'deputy' ? [{ required: true, message: t('common.requiredSelect', { field: t('suggestion.leadDeputy') }) }] : []}
            >
              <DeputyPicker excludeIds={coSponsors.map((d) => d.id)} known={leadKnown ? { id: leadKnown.deputyId, name: leadKnown.name } : null} />
            </Form.Item>
          )}
          <Form.Item name="coSponsors" label={t('suggestion.coSponsors')}>
            <CoSponsorsField exclude={isDeputy ? (me.user.deputyId ? [me.user.deputyId] : []) : leadDeputyId ? [leadDeputyId] : []} />
          </Form.Item>
          <Form.Item name="files" label={t('suggestion.edit.attachments')} extra={t('suggestion.edit.attachmentsHint')}>
            <AttachmentsField />
          </Form.Item>
          <Space wrap>
            {canSubmit && (
              <Button type="primary" loading={saving === 'submit'} onClick={() => void save(true)}>
                {t('suggestion.edit.submit')}
              </Button>
            )}
            <Button type={canSubmit ? 'default' : 'primary'} loading={saving === 'draft'} onClick={() => void save(false)}>
              {canSubmit ? t('suggestion.edit.saveDraft') : t('suggestion.edit.save')}
            </Button>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
