import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { type Grade, type Suggestion, suggestionsApi } from '../../api/suggestions.ts';
import { Pill } from '../../components/Pill.tsx';
import { useT } from '../../i18n/index.tsx';
import { RatingPill } from './SuggestionTags.tsx';
import { chinaTime, fileSize } from './suggestionFormat.ts';

/*
 * The records a suggestion gathers while it is handled: replies, ratings, the office's requests,
 * consultations with the deputy, and the attachments. Each is a titled section; empty ones say so
 * (replies, ratings) or are left out (requests, consultations).
 */

const PRE = { whiteSpace: 'pre-wrap', margin: '6px 0 0' } as const;
const LIST = { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 } as const;

export function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>} extra={extra} style={{ marginBottom: 16 }}>
      {children}
    </Card>
  );
}

function FileButton({ s, file }: { s: Suggestion; file: { id: string; name: string; size: number } }) {
  const t = useT();
  return (
    <Button
      type="link"
      icon={<DownloadOutlined />}
      aria-label={t('suggestion.download', { name: file.name })}
      style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
      onClick={() => void suggestionsApi.downloadFile(s.id, file.id, file.name)}
    >
      {file.name}
      <Typography.Text type="secondary"> （{fileSize(file.size)}）</Typography.Text>
    </Button>
  );
}

export function RepliesSection({ s, grades }: { s: Suggestion; grades: readonly Grade[] | undefined }) {
  const t = useT();
  return (
    <Section title={t('suggestion.section.replies')}>
      {s.replies.length === 0 ? (
        <Typography.Text type="secondary">{t('suggestion.noReplies')}</Typography.Text>
      ) : (
        <ul aria-label={t('suggestion.section.replies')} style={LIST}>
          {s.replies.map((r) => (
            <li key={r.id} style={{ borderLeft: `3px solid ${r.round === 2 ? '#c62828' : '#1565c0'}`, paddingLeft: 10 }}>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
                <Pill tone={grades?.find((g) => g.code === r.grade)?.followUp ? 'brown' : 'info'}>
                  {r.grade} {r.gradeLabel}
                </Pill>
                <Pill tone={r.onTime ? 'good' : 'bad'}>{r.onTime ? t('suggestion.onTime') : t('suggestion.late')}</Pill>
                <Typography.Text type="secondary">
                  {t('suggestion.replyOf', { unit: r.unit.name, round: r.round, date: r.repliedOn })} · {t('suggestion.replyDue', { date: r.dueDate })}
                </Typography.Text>
              </div>
              <p style={PRE}>{r.content}</p>
              {r.file && (
                <div>
                  {t('suggestion.replyFile')}：<FileButton s={s} file={r.file} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function RatingsSection({ s }: { s: Suggestion }) {
  const t = useT();
  return (
    <Section title={t('suggestion.section.ratings')}>
      {s.ratings.length === 0 ? (
        <Typography.Text type="secondary">{t('suggestion.noRatings')}</Typography.Text>
      ) : (
        <ul aria-label={t('suggestion.section.ratings')} style={LIST}>
          {s.ratings.map((r) => (
            <li key={`${r.round}-${r.ratedOn}`}>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
                <span>{t('suggestion.round', { n: r.round })}</span>
                <span>
                  {t('suggestion.attitude')} <RatingPill rating={r.attitude} />
                </span>
                <span>
                  {t('suggestion.result')} <RatingPill rating={r.result} />
                </span>
              </div>
              <Typography.Text type="secondary">
                {r.deputy ? t('suggestion.ratedBy', { name: r.deputy.name, date: r.ratedOn }) : t('suggestion.ratedOnBehalf', { date: r.ratedOn })}
              </Typography.Text>
              {r.comment && <p style={PRE}>{r.comment}</p>}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function RequestsSection({ s }: { s: Suggestion }) {
  const t = useT();
  if (s.requests.length === 0) return null;
  return (
    <Section title={t('suggestion.section.requests')}>
      <ul aria-label={t('suggestion.section.requests')} style={LIST}>
        {s.requests.map((r) => (
          <li key={r.id}>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
              <Typography.Text strong>{t(`suggestion.request.${r.kind}`)}</Typography.Text>
              <Pill tone={r.decision === 'approved' ? 'good' : r.decision === 'refused' ? 'bad' : r.decision ? 'dim' : 'warn'}>
                {t(r.decision ? `suggestion.decision.${r.decision}` : 'suggestion.decision.open')}
              </Pill>
              <Typography.Text type="secondary">
                {t('suggestion.requestBy', { unit: r.unit.name, name: r.requestedByName, date: chinaTime(r.requestedAt) })}
              </Typography.Text>
            </div>
            {r.requestedDue && (
              <div>
                {t('suggestion.requestedDue')}：{r.requestedDue}
              </div>
            )}
            <p style={PRE}>{r.reason}</p>
            {r.decisionNote && (
              <div>
                {t('suggestion.decisionNote')}：{r.decisionNote}
                {r.decidedAt ? `（${chinaTime(r.decidedAt)}）` : ''}
              </div>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function ConsultationsSection({ s }: { s: Suggestion }) {
  const t = useT();
  if (s.consultations.length === 0) return null;
  return (
    <Section title={t('suggestion.section.consultations')}>
      <ul aria-label={t('suggestion.section.consultations')} style={LIST}>
        {s.consultations.map((c) => (
          <li key={c.id}>
            <Typography.Text strong>
              {t('suggestion.consultBy', { date: c.heldOn, method: t(`suggestion.method.${c.method}`), stage: t(`suggestion.stage.${c.stage}`) })}
            </Typography.Text>
            <Typography.Text type="secondary"> {[c.unit?.name, c.createdByName].filter(Boolean).join(' · ')}</Typography.Text>
            <p style={PRE}>{c.note}</p>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function FilesSection({ s }: { s: Suggestion }) {
  const t = useT();
  return (
    <Section title={t('suggestion.section.files')}>
      {s.files.length === 0 ? (
        <Typography.Text type="secondary">{t('suggestion.noFiles')}</Typography.Text>
      ) : (
        <ul aria-label={t('suggestion.section.files')} style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}>
          {s.files.map((f) => (
            <li key={f.id}>
              <FileButton s={s} file={f} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
