import { DeleteOutlined, EditOutlined, FileAddOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Empty, Skeleton, Space, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { STAFF } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { type Matter, type Routing, receptionsApi } from '../../api/receptions.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Pill, type Tone } from '../../components/Pill.tsx';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { awaitsSuggestion, suggestionLink, timeRange } from './receptionFormat.ts';

const ROUTING_TONE: Record<Routing, Tone> = { on_spot: 'good', village: 'info', suggestion: 'brown', county_deputy: 'info', not_accepted: 'dim' };

function MatterCard({ m, canSuggest }: { m: Matter; canSuggest: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const who = [
    m.visitorName || t('reception.anonymous'),
    m.visitorPhone,
    m.visitorCount > 1 ? t('reception.people', { n: m.visitorCount }) : null,
    m.village?.name,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Card size="small" data-matter={m.seq}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 6 }}>
        <h3 style={{ fontSize: 15, margin: 0 }}>{t('reception.matter', { n: m.seq })}</h3>
        <Pill tone="dim">{m.category}</Pill>
        <Pill tone={ROUTING_TONE[m.routing]}>{t(`reception.routing.${m.routing}`)}</Pill>
      </div>
      <p style={{ margin: '0 0 6px', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.content}</p>
      <Typography.Text type="secondary" style={{ display: 'block' }}>
        {t('reception.visitor')}：{who}
      </Typography.Text>
      {m.routingNote && (
        <div style={{ marginTop: 4, overflowWrap: 'anywhere' }}>
          {m.routing === 'not_accepted' ? t('reception.routingNoteReason') : t('reception.routingNote')}：{m.routingNote}
        </div>
      )}
      {m.suggestion && (
        <div style={{ marginTop: 6 }}>
          <Link to={`/suggestions/${m.suggestion.id}`}>{t('reception.linkedSuggestion', { code: m.suggestion.code })}</Link>
        </div>
      )}
      {canSuggest && awaitsSuggestion(m) && (
        <div style={{ marginTop: 8 }}>
          {/* A link (it opens a page, and may open in a new tab) that looks like a button. */}
          <Button
            size="small"
            icon={<FileAddOutlined />}
            href={suggestionLink(m)}
            onClick={(e) => {
              if (e.metaKey || e.ctrlKey || e.shiftKey) return;
              e.preventDefault();
              navigate(suggestionLink(m));
            }}
          >
            {t('reception.toSuggestion')}
          </Button>
        </div>
      )}
    </Card>
  );
}

/** One reception: when and where, who was on duty, and each matter with where it went. */
export default function ReceptionDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const staff = useHasRole(STAFF);
  const q = useQuery({ queryKey: ['receptions', 'get', id], queryFn: () => receptionsApi.get(id) });

  if (q.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;

  const remove = () =>
    modal.confirm({
      title: t('reception.deleteConfirm', { code: r.code }),
      okText: t('reception.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await receptionsApi.remove(r.id, r.version);
          message.success(t('reception.deleted'));
          void qc.invalidateQueries({ queryKey: ['receptions'] });
          navigate('/receptions');
        } catch (e) {
          message.error((e as Error).message);
          if (e instanceof ApiError && e.status === 409) void q.refetch();
        }
      },
    });

  const hiddenPhones = !r.phonesVisible && r.matters.some((m) => m.visitorPhone);
  return (
    <>
      <PageHeader
        title={t('reception.detail', { code: r.code })}
        back="/receptions"
        extra={
          <>
            {r.can.edit && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/receptions/${r.id}/edit`)}>
                {t('common.edit')}
              </Button>
            )}
            {r.can.edit && (
              <Button danger icon={<DeleteOutlined />} disabled={!r.can.delete} title={r.can.delete ? undefined : t('reception.cannotDelete')} onClick={remove}>
                {t('reception.delete')}
              </Button>
            )}
          </>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, md: 3 }}
            items={[
              { key: 'station', label: t('reception.station'), children: r.station.name },
              { key: 'date', label: t('reception.date'), children: [r.date, timeRange(r)].filter(Boolean).join(' ') },
              { key: 'place', label: t('reception.place'), children: r.place || '—' },
              { key: 'deputies', label: t('reception.deputies'), children: r.deputies.map((d) => d.name).join('、') },
              { key: 'figures', label: t('reception.visitorCount'), children: `${r.visitorCount}（${t('reception.matterCount')} ${r.matterCount}）` },
              ...(r.activity
                ? [
                    {
                      key: 'activity',
                      label: t('reception.activity'),
                      children: staff ? <Link to={`/activities/${r.activity.id}`}>{r.activity.title}</Link> : r.activity.title,
                    },
                  ]
                : []),
              ...(r.notes ? [{ key: 'notes', label: t('reception.notes'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.notes}</span> }] : []),
              ...(r.createdBy ? [{ key: 'createdBy', label: t('reception.createdBy'), children: r.createdBy.name }] : []),
            ]}
          />
        </Card>
        <section aria-labelledby="reception-matters">
          <h2 id="reception-matters" style={{ fontSize: 16, margin: '0 0 8px' }}>
            {t('reception.matters')}
          </h2>
          {hiddenPhones && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              {t('reception.phoneMasked')}
            </Typography.Paragraph>
          )}
          {r.matters.length === 0 ? (
            <Empty description={t('reception.noMatters')} />
          ) : (
            <div style={{ display: 'grid', gap: 8 }}>
              {r.matters.map((m) => (
                <MatterCard key={m.id} m={m} canSuggest={r.can.edit} />
              ))}
            </div>
          )}
        </section>
      </Space>
    </>
  );
}
