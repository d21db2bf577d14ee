import { Descriptions, Typography } from 'antd';
import type { ReactElement } from 'react';
import { Link } from 'react-router-dom';
import { STAFF } from '../../api/auth.ts';
import type { Grade, Suggestion } from '../../api/suggestions.ts';
import { Pill } from '../../components/Pill.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useHasRole } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { Section } from './SuggestionRecords.tsx';
import { DuePill, RatingPill } from './SuggestionTags.tsx';
import { chinaToday, gradeText } from './suggestionFormat.ts';

// A link inside a line of text must not be told apart by colour alone (axe: link-in-text-block).
const UNDERLINE = { textDecoration: 'underline' } as const;
const PRE = { whiteSpace: 'pre-wrap' } as const;

/** What the suggestion says: subject, content, grounds and the proposed solution. */
export function ContentSection({ s }: { s: Suggestion }) {
  const t = useT();
  const part = (label: string, text: string) =>
    text ? (
      <div style={{ marginBottom: 12 }}>
        <Typography.Text strong>{label}</Typography.Text>
        <p style={{ ...PRE, margin: '4px 0 0' }}>{text}</p>
      </div>
    ) : null;
  return (
    <Section title={t('suggestion.section.content')}>
      {part(t('suggestion.content'), s.content)}
      {part(t('suggestion.grounds'), s.grounds)}
      {part(t('suggestion.proposal'), s.proposal)}
    </Section>
  );
}

/** The facts of the suggestion: kind, category, source, deputies, offices, deadlines, grade, rating. */
export function FactsSection({ s, grades }: { s: Suggestion; grades: readonly Grade[] | undefined }) {
  const t = useT();
  const staff = useHasRole(STAFF);
  const mobile = useIsMobile();
  const lead = s.sponsors.filter((p) => p.role === 'lead');
  const co = s.sponsors.filter((p) => p.role === 'co');
  const deputyLink = (id: string, name: string) =>
    staff ? (
      <Link key={id} to={`/deputies/${id}`} style={UNDERLINE}>
        {name}
      </Link>
    ) : (
      <span key={id}>{name}</span>
    );
  const joined = (nodes: ReactElement[]) => nodes.flatMap((n, i) => (i ? ['、', n] : [n]));
  const leadUnits = s.units.filter((u) => u.role === 'lead').map((u) => u.name);
  const coUnits = s.units.filter((u) => u.role === 'co').map((u) => u.name);
  const today = chinaToday();

  const items = [
    { key: 'kind', label: t('suggestion.kind'), children: t(`suggestion.kind.${s.kind}`) },
    { key: 'category', label: t('suggestion.category'), children: s.category },
    {
      key: 'source',
      label: t('suggestion.source'),
      children: (
        <>
          {t(`suggestion.sourceType.${s.sourceType}`)}
          {s.source && (
            <>
              {' · '}
              {s.source.link && staff ? (
                <Link to={s.source.link} style={UNDERLINE}>
                  {s.source.label}
                </Link>
              ) : (
                s.source.label
              )}
            </>
          )}
          {s.session && (
            <>
              {' · '}
              <Link to={`/sessions/${s.session.id}`} style={UNDERLINE}>
                {s.session.shortName}
              </Link>
            </>
          )}
        </>
      ),
    },
    { key: 'village', label: t('suggestion.village'), children: s.village?.name ?? '—' },
    { key: 'lead', label: t('suggestion.leadDeputy'), children: lead.length ? joined(lead.map((p) => deputyLink(p.deputyId, p.name))) : '—' },
    ...(co.length ? [{ key: 'co', label: t('suggestion.coSponsors'), children: joined(co.map((p) => deputyLink(p.deputyId, p.name))) }] : []),
    { key: 'leadUnit', label: t('suggestion.leadUnit'), children: leadUnits.join('、') || s.leadUnit?.name || t('suggestion.noUnits') },
    ...(coUnits.length ? [{ key: 'coUnits', label: t('suggestion.coUnits'), children: coUnits.join('、') }] : []),
    ...(s.assignedOn ? [{ key: 'assignedOn', label: t('suggestion.assignedOn'), children: s.assignedOn }] : []),
    ...(s.dueDate
      ? [
          {
            key: 'due',
            label: t('suggestion.dueDate'),
            children: (
              <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
                {s.dueDate}
                <DuePill due={s.due} />
              </span>
            ),
          },
        ]
      : []),
    ...(s.latestDueDate && s.due ? [{ key: 'latest', label: t('suggestion.latestDue'), children: s.latestDueDate }] : []),
    // The return window matters only while the first office holds the item before replying.
    ...(s.returnDeadline && (s.state === 'assigned' || s.state === 'handling')
      ? [
          {
            key: 'return',
            label: t('suggestion.returnDeadline'),
            children:
              s.returnDeadline >= today
                ? t('suggestion.returnWindowOpen', { date: s.returnDeadline })
                : t('suggestion.returnWindowClosed', { date: s.returnDeadline }),
          },
        ]
      : []),
    ...(s.grade ? [{ key: 'grade', label: t('suggestion.grade'), children: `${gradeText(s.grade, grades)}${s.repliedOn ? `（${s.repliedOn}）` : ''}` }] : []),
    ...(s.rating ? [{ key: 'rating', label: t('suggestion.rating'), children: <RatingPill rating={s.rating} /> }] : []),
    ...(s.keySupervision ? [{ key: 'key', label: t('suggestion.key'), children: s.keyNote || <Pill tone="brown">{t('suggestion.key')}</Pill> }] : []),
    ...(s.mergedInto
      ? [
          {
            key: 'mergedInto',
            label: t('suggestion.mergedInto'),
            children: (
              <Link to={`/suggestions/${s.mergedInto.id}`} style={UNDERLINE}>
                {s.mergedInto.code}
              </Link>
            ),
          },
        ]
      : []),
    ...(s.merged.length
      ? [
          {
            key: 'merged',
            label: t('suggestion.mergedHere'),
            children: joined(
              s.merged.map((m) => (
                <Link key={m.id} to={`/suggestions/${m.id}`} style={UNDERLINE}>
                  {m.code} {m.title}
                </Link>
              )),
            ),
          },
        ]
      : []),
    ...(s.published || s.publicAnswer
      ? [
          {
            key: 'public',
            label: t('suggestion.publicAnswer'),
            children: <span style={PRE}>{`${s.published ? `${t('suggestion.published')}：` : ''}${s.publicAnswer || '—'}`}</span>,
          },
        ]
      : []),
    { key: 'year', label: t('suggestion.year'), children: s.year },
  ];
  // The label column as narrow as its words: a half-and-half table wastes the width the values need.
  // On a phone the labels may wrap, or they would take half the narrow screen.
  return (
    <Descriptions
      className={mobile ? undefined : 'nowrap-labels'}
      column={1}
      size="small"
      bordered
      items={items}
      styles={{ label: { width: mobile ? '34%' : '1%' } }}
      style={{ marginBottom: 16 }}
    />
  );
}
