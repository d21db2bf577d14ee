import { HistoryOutlined, ReloadOutlined, SaveOutlined, SwapOutlined, VerifiedOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Segmented, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import type { ReportBody } from '../../../shared/report/draft.ts';
import { ADMINS } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { type Report, reportsApi, type Side } from '../../api/reports.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { CompareDialog } from './CompareDialog.tsx';
import { DownloadButton } from './DownloadButton.tsx';
import { FigureDrawer } from './FigureDrawer.tsx';
import { FreezeDialog } from './FreezeDialog.tsx';
import { ReportEditor } from './ReportEditor.tsx';
import { type Figure, ReportPreview } from './ReportPreview.tsx';
import { ReportStatusTag } from './ReportStatusTag.tsx';
import { VersionsDrawer } from './VersionsDrawer.tsx';
import { paragraphProblems } from './reportEdit.ts';
import { dateTime, periodText } from './reportFormat.ts';
import './reports.css';

const NARROW = '(max-width: 1099.98px)';
/** Below this width the editor and the preview do not fit side by side: one shows at a time. */
function useNarrow(): boolean {
  return useSyncExternalStore(
    (cb) => {
      const mq = window.matchMedia(NARROW);
      mq.addEventListener('change', cb);
      return () => mq.removeEventListener('change', cb);
    },
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
}

/**
 * One work report: the editor (admins) beside the preview, or a frozen version (?version=N) on its own.
 * The unsaved text lives here; saving sends it with the version it was loaded at, so a stale save is a 409.
 */
export default function ReportPage() {
  const t = useT();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const viewing = params.get('version') ? Number(params.get('version')) : null;
  const isAdmin = useHasRole(ADMINS);
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const report = useQuery({ queryKey: ['report', id], queryFn: () => reportsApi.get(id) });
  const version = useQuery({
    queryKey: ['report', id, 'version', viewing],
    queryFn: () => reportsApi.version(id, viewing as number),
    enabled: viewing !== null,
  });
  const [edited, setEdited] = useState<ReportBody | null>(null);
  const [problems, setProblems] = useState<Map<number, string>>(new Map());
  const [saving, setSaving] = useState(false);
  const [figure, setFigure] = useState<Figure | null>(null);
  const [showVersions, setShowVersions] = useState(false);
  const [freezing, setFreezing] = useState(false);
  const [compare, setCompare] = useState<[Side, Side] | null>(null);
  const narrow = useNarrow();
  const [pane, setPane] = useState<'preview' | 'editor'>('preview');
  const dirty = edited !== null;

  // Leaving with unsaved text asks first (closing the tab or reloading).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const onChange = useCallback(
    (update: (b: ReportBody) => ReportBody) => setEdited((cur) => update(cur ?? (qc.getQueryData<Report>(['report', id])?.body as ReportBody))),
    [qc, id],
  );

  const settle = (r: Report) => {
    qc.setQueryData(['report', id], r);
    void qc.invalidateQueries({ queryKey: ['reports'] });
    void qc.invalidateQueries({ queryKey: ['report-compare', id] });
    setEdited(null);
    setProblems(new Map());
  };

  /** A stale version: say so plainly, drop the local text and load the latest. */
  const conflict = () => {
    modal.warning({ title: t('report.conflictTitle'), content: t('report.conflict'), okText: t('common.confirm') });
    setEdited(null);
    setProblems(new Map());
    void report.refetch();
  };

  async function save(): Promise<Report | null> {
    const r = report.data;
    if (!r || !edited) return r ?? null;
    setSaving(true);
    try {
      const next = await reportsApi.update(id, { version: r.version, body: edited });
      settle(next);
      message.success(t('report.saved'));
      return next;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) conflict();
      else {
        setProblems(paragraphProblems(e));
        message.error(t('report.saveFailed', { reason: (e as Error).message }), 6);
      }
      return null;
    } finally {
      setSaving(false);
    }
  }

  async function freeze(note: string) {
    const saved = await save();
    if (!saved) return;
    try {
      const { number } = await reportsApi.freeze(id, saved.version, note || undefined);
      message.success(t('report.frozenDone', { n: number }));
      setFreezing(false);
      await qc.invalidateQueries({ queryKey: ['report', id] });
      void qc.invalidateQueries({ queryKey: ['reports'] });
      void qc.invalidateQueries({ queryKey: ['report-compare', id] });
    } catch (e) {
      setFreezing(false);
      if (e instanceof ApiError && e.status === 409) conflict();
      else message.error((e as Error).message);
    }
  }

  function regenerate() {
    const r = report.data;
    if (!r) return;
    modal.confirm({
      title: t('report.regenerateTitle'),
      content: `${t('report.regenerateBody')}${r.versions.length ? t('report.regenerateFrozen') : ''}`,
      okText: t('report.regenerate'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          settle(await reportsApi.regenerate(id, r.version));
          message.success(t('report.regenerated'));
        } catch (e) {
          if (e instanceof ApiError && e.status === 409) conflict();
          else message.error((e as Error).message);
        }
      },
    });
  }

  if (report.error) return <LoadError error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data;
  if (!r) return <Spin style={{ display: 'block', margin: '48px auto' }} />;

  const body = edited ?? r.body;
  const v = viewing !== null ? version.data : undefined;
  const docBody = v ? v.body : body;
  const docFacts = v ? v.facts : r.facts;
  const editing = isAdmin && viewing === null;
  const openVersion = (n: number | null) => {
    setShowVersions(false);
    setParams(n === null ? {} : { version: String(n) });
  };

  const actions = (
    <>
      {editing && (
        <Button type="primary" icon={<SaveOutlined />} onClick={() => void save()} loading={saving} disabled={!dirty}>
          {t('report.save')}
        </Button>
      )}
      {editing && (
        <Button icon={<VerifiedOutlined />} onClick={() => setFreezing(true)}>
          {t('report.freeze')}
        </Button>
      )}
      <Button icon={<HistoryOutlined />} onClick={() => setShowVersions(true)}>
        {t('report.versionsButton', { n: r.versions.length })}
      </Button>
      <Button
        icon={<SwapOutlined />}
        disabled={r.versions.length === 0}
        onClick={() => setCompare([r.versions[r.versions.length - 1]?.number ?? 'current', 'current'])}
      >
        {t('report.compare')}
      </Button>
      <DownloadButton id={id} title={r.title} version={viewing ?? undefined} />
      {editing && (
        <Button icon={<ReloadOutlined />} onClick={regenerate}>
          {t('report.regenerate')}
        </Button>
      )}
    </>
  );

  const preview = (
    <section className="report-desk" aria-label={t('report.preview')} tabIndex={-1}>
      <div className="report-desk-bar">
        <span>
          <Typography.Text strong>{t('report.preview')}</Typography.Text>
          {' · '}
          {v ? (
            t('report.previewFrozen', { n: v.number })
          ) : (
            <>
              <span className="report-live-key" aria-hidden="true" />
              {t('report.previewLive')}
            </>
          )}
        </span>
        <span>{t('report.legend')}</span>
      </div>
      {viewing !== null && !v ? <Spin /> : <ReportPreview body={docBody} facts={docFacts} live={!v} onFigure={setFigure} />}
    </section>
  );

  return (
    <>
      <PageHeader back="/reports" title={r.title} extra={actions} />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 12 }}>
        <Typography.Text type="secondary">
          {r.code} · {periodText(r.periodFrom, r.periodTo)} · {t('report.template')}：{r.template.name}
        </Typography.Text>
        <ReportStatusTag frozenNumber={r.frozenNumber} versions={r.versions.length} />
        {dirty && (
          <span role="status" style={{ color: '#8a3c00', fontWeight: 600 }}>
            ● {t('report.unsaved')}
          </span>
        )}
      </div>
      {v ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('report.viewingVersion', { n: v.number, by: v.frozenBy ?? '—', at: dateTime(v.frozenAt) })}
          description={v.note || undefined}
          action={<Button onClick={() => openVersion(null)}>{t('report.backToCurrent')}</Button>}
        />
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={editing ? t('report.banner') : t('report.bannerReadOnly')} />
      )}
      {!isAdmin && viewing === null && <Alert type="info" style={{ marginBottom: 12 }} title={t('report.readOnly')} />}
      {editing && narrow && (
        <Segmented
          block
          style={{ marginBottom: 12 }}
          value={pane}
          onChange={(v) => setPane(v as 'preview' | 'editor')}
          options={[
            { value: 'preview', label: t('report.preview') },
            { value: 'editor', label: t('report.editor') },
          ]}
        />
      )}
      <div className={`report-workspace${editing && !narrow ? '' : ' single'}`}>
        {editing && (!narrow || pane === 'editor') && (
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('report.editor')}</h2>} size="small">
            <ReportEditor body={body} facts={r.facts} problems={problems} onChange={onChange} />
          </Card>
        )}
        {(!editing || !narrow || pane === 'preview') && preview}
      </div>
      <FigureDrawer figure={figure} facts={docFacts} onClose={() => setFigure(null)} />
      <VersionsDrawer
        open={showVersions}
        id={id}
        title={r.title}
        versions={r.versions}
        onView={(n) => openVersion(n)}
        onCompare={(n) => {
          setShowVersions(false);
          setCompare([n, 'current']);
        }}
        onClose={() => setShowVersions(false)}
      />
      <CompareDialog id={id} versions={r.versions} sides={compare} onSides={setCompare} onClose={() => setCompare(null)} />
      <FreezeDialog
        open={freezing}
        next={(r.versions[r.versions.length - 1]?.number ?? 0) + 1}
        dirty={dirty}
        onFreeze={freeze}
        onClose={() => setFreezing(false)}
      />
    </>
  );
}
