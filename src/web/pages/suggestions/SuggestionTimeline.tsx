import { Timeline, Typography } from 'antd';
import type { SuggestionEvent } from '../../api/suggestions.ts';
import { useT } from '../../i18n/index.tsx';
import { chinaTime } from './suggestionFormat.ts';
import { eventFacts, eventLabel, stateLabel } from './suggestionLabels.ts';

const COLOR: Record<string, string> = { reply: 'green', rate: 'blue', close: 'green', not_accept: 'gray', withdraw: 'gray', merge: 'gray' };

/** 办理过程: every event of the suggestion, oldest first, with who did it, when, and what changed. */
export function SuggestionTimeline({ events }: { events: SuggestionEvent[] }) {
  const t = useT();
  if (!events.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Timeline
      items={events.map((e) => {
        const type = e.type.replace(/-/g, '_');
        const moved = e.fromState && e.fromState !== e.toState;
        const facts = eventFacts(t, e.type, e.data);
        return {
          key: e.id,
          color: e.toState === 'rehandling' && moved ? 'red' : (COLOR[type] ?? 'blue'),
          content: (
            <div>
              <Typography.Text strong>{eventLabel(t, e.type)}</Typography.Text>
              {moved && (
                <Typography.Text type="secondary">
                  {' '}
                  · {t('suggestion.eventState', { from: stateLabel(t, e.fromState), to: stateLabel(t, e.toState) })}
                </Typography.Text>
              )}
              <div>
                <Typography.Text type="secondary">
                  {chinaTime(e.at)}
                  {e.actorName ? ` · ${e.actorName}` : ''}
                  {e.round === 2 ? ` · ${t('suggestion.round2')}` : ''}
                </Typography.Text>
              </div>
              {facts.length > 0 && <div>{facts.join('；')}</div>}
              {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
            </div>
          ),
        };
      })}
    />
  );
}
