import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Empty, Image, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { findingsApi } from '../../api/findings.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useT } from '../../i18n/index.tsx';
import { FindingStatusTag, SEVERITY_COLOR } from './FindingDialogs.tsx';

/*
 * One finding in full: what the list rows leave out — the site photos, every notice it was named in and
 * the re-inspection records (date, result, notes, deputies). Read-only; the row's buttons do the changes.
 */
const h3 = { fontSize: 15, margin: '16px 0 8px' } as const;
// A link inside a line of text must not be told apart by colour alone (axe: link-in-text-block).
const UNDERLINE = { textDecoration: 'underline' } as const;
// antd's green tag text is too light on its ground (axe: color-contrast).
const RESULT_STYLE = { fixed: { color: '#135200', marginInlineStart: 4 }, not_fixed: { marginInlineStart: 4 } } as const;

export function FindingDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const q = useQuery({ queryKey: ['findings', 'detail', id], queryFn: () => findingsApi.get(id as string), enabled: !!id });
  const f = q.data;
  return (
    <Drawer open={!!id} onClose={onClose} size={mobile ? '100%' : 560} title={f ? t('finding.detail', { code: f.code }) : t('finding.panel')} destroyOnHidden>
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : !f ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('finding.status')}>
              <FindingStatusTag f={f} />
            </Descriptions.Item>
            <Descriptions.Item label={t('finding.activity')}>
              <Link to={`/activities/${f.activity.id}`}>{f.activity.title}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('finding.foundOn')}>{f.foundOn}</Descriptions.Item>
            <Descriptions.Item label={t('finding.description')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{f.description}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('finding.place')}>{f.place || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('finding.responsible')}>
              {f.responsible}（{t(`finding.responsibleType.${f.responsibleType}`)}）
            </Descriptions.Item>
            <Descriptions.Item label={t('finding.severity')}>
              <Tag color={SEVERITY_COLOR[f.severity]}>{t(`finding.severity.${f.severity}`)}</Tag>
            </Descriptions.Item>
            {f.closedOn && (
              <Descriptions.Item label={t('finding.closedOn')}>
                {f.closedOn}
                {f.closeReason ? `（${f.closeReason}）` : ''}
              </Descriptions.Item>
            )}
          </Descriptions>

          <h3 style={h3}>{t('finding.photos')}</h3>
          {f.photos.length === 0 ? (
            <Typography.Text type="secondary">{t('finding.noPhotos')}</Typography.Text>
          ) : (
            <Image.PreviewGroup>
              <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(120px, 1fr))', gap: 8 }}>
                {f.photos.map((p) => (
                  <li key={p.id}>
                    <Image src={p.url} alt={t('finding.photoAlt', { name: p.name })} width="100%" height={96} style={{ objectFit: 'cover' }} loading="lazy" />
                  </li>
                ))}
              </ul>
            </Image.PreviewGroup>
          )}

          <h3 style={h3}>{t('finding.notices')}</h3>
          {f.notices.length === 0 ? (
            <Typography.Text type="secondary">{t('finding.noNotices')}</Typography.Text>
          ) : (
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {f.notices.map((n) => (
                <li key={n.id}>
                  <Link to={`/findings/notices/${n.id}`} style={UNDERLINE}>
                    {n.number}
                  </Link>
                  {t('finding.noticeLine', { issuedOn: n.issuedOn, deadline: n.deadline })}
                </li>
              ))}
            </ul>
          )}

          <h3 style={h3}>{t('finding.reinspections')}</h3>
          {f.reinspections.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('finding.noReinspections')} />
          ) : (
            <ol style={{ margin: 0, paddingLeft: 20 }}>
              {f.reinspections.map((r) => (
                <li key={r.id} style={{ marginBottom: 8 }}>
                  <div>
                    {r.date}{' '}
                    <Tag color={r.result === 'fixed' ? 'green' : 'orange'} style={RESULT_STYLE[r.result]}>
                      {t(`finding.result.${r.result}`)}
                    </Tag>
                  </div>
                  {r.notes && <div style={{ whiteSpace: 'pre-wrap' }}>{r.notes}</div>}
                  {r.deputies.length > 0 && (
                    <Typography.Text type="secondary">
                      {t('finding.deputiesPresent')}：{r.deputies.map((d) => d.name).join('、')}
                    </Typography.Text>
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </Drawer>
  );
}
