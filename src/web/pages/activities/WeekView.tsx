import { Empty } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import type { ActivitySummary } from '../../api/activities.ts';
import { useT } from '../../i18n/index.tsx';
import { ActivityStatusTag } from './ActivityStatusTag.tsx';
import { cn } from './activityFormat.ts';

type Props = { days: string[]; byDay: Map<string, ActivitySummary[]>; today: string };

/** One activity in a day: time, title (the link), kind and organiser; a cancelled one struck through. */
function Item({ a, day }: { a: ActivitySummary; day: string }) {
  const t = useT();
  const s = cn(a.startAt);
  // A second day of a two-day activity says so instead of repeating the start time.
  const time = s.format('YYYY-MM-DD') === day ? `${s.format('HH:mm')}–${cn(a.endAt).format('HH:mm')}` : t('activityView.continued');
  return (
    <li style={{ padding: '6px 0', borderTop: '1px solid #f0f0f0' }}>
      <div style={{ fontSize: 12, color: '#555' }}>{time}</div>
      <Link to={`/activities/${a.id}`} style={a.status === 'cancelled' ? { textDecoration: 'line-through' } : undefined}>
        {a.title}
      </Link>
      <div style={{ fontSize: 12, color: '#555' }}>
        {a.kindName} · {a.organiserName}
      </div>
      {a.status !== 'planned' && <ActivityStatusTag status={a.status} />}
    </li>
  );
}

/**
 * The week as seven columns (desktop) or seven day sections (phone, `list`). Each day is a section with
 * a heading, so a screen reader can jump from day to day; the links are in reading order for the keyboard.
 */
export function WeekView({ days, byDay, today, list }: Props & { list: boolean }) {
  const t = useT();
  const heading = (d: string) => {
    const wd = t(`activity.weekday${dayjs(d).day()}` as 'activity.weekday0');
    return (
      <h2 style={{ fontSize: 14, margin: 0, padding: '6px 8px', background: d === today ? '#fdecea' : '#fafafa', borderBottom: '1px solid #eee' }}>
        {wd} {dayjs(d).format(list ? t('activityView.dayFormat') : 'M/D')}
        {d === today && <span style={{ color: '#8e0000', marginLeft: 6 }}>{t('activityView.today')}</span>}
      </h2>
    );
  };
  if (list) {
    return (
      <div data-testid="week-view">
        {days.map((d) => {
          const items = byDay.get(d) ?? [];
          return (
            <section key={d} aria-label={d} style={{ border: '1px solid #eee', borderRadius: 6, marginBottom: 8, background: '#fff' }}>
              {heading(d)}
              {items.length ? (
                <ul style={{ listStyle: 'none', margin: 0, padding: '0 8px' }}>
                  {items.map((a) => (
                    <Item key={a.id} a={a} day={d} />
                  ))}
                </ul>
              ) : (
                <p style={{ margin: 0, padding: '6px 8px', color: '#555' }}>{t('activityView.noneThisDay')}</p>
              )}
            </section>
          );
        })}
      </div>
    );
  }
  const total = days.reduce((n, d) => n + (byDay.get(d)?.length ?? 0), 0);
  return (
    <div data-testid="week-view">
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', border: '1px solid #eee', borderRadius: 6, background: '#fff' }}>
        {days.map((d, i) => (
          <section key={d} aria-label={d} style={{ minHeight: 320, borderLeft: i ? '1px solid #eee' : undefined, minWidth: 0 }}>
            {heading(d)}
            <ul style={{ listStyle: 'none', margin: 0, padding: '0 8px', overflowWrap: 'anywhere' }}>
              {(byDay.get(d) ?? []).map((a) => (
                <Item key={a.id} a={a} day={d} />
              ))}
            </ul>
          </section>
        ))}
      </div>
      {total === 0 && <Empty style={{ marginTop: 16 }} description={t('activityView.noneThisWeek')} />}
    </div>
  );
}
