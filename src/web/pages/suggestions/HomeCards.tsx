import { FileDoneOutlined, SolutionOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Space } from 'antd';
import { Link } from 'react-router-dom';
import { suggestionsApi } from '../../api/suggestions.ts';
import { useT } from '../../i18n/index.tsx';
import { OFFICE_OPEN_STATES } from './suggestionFormat.ts';

/*
 * Cards for the home page: a deputy sees the suggestions waiting for their rating (only the lead rates), a handling office
 * what it holds and how much of it is late. Counts only (pageSize 1); the lists are a link away.
 */

const title = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

export function MySuggestionsCard() {
  const t = useT();
  const all = useQuery({ queryKey: ['suggestions', 'home', 'mine'], queryFn: () => suggestionsApi.list({ pageSize: 1 }) });
  const waiting = useQuery({ queryKey: ['suggestions', 'home', 'replied', 'lead'], queryFn: () => suggestionsApi.list({ state: 'replied', sponsorRole: 'lead', pageSize: 1 }) });
  const total = all.data?.total ?? 0;
  if (!total) return null;
  const n = waiting.data?.total ?? 0;
  return (
    <Card size="small" title={title(t('suggestion.mine.homeCard'))}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space>
          <Badge count={n} color="#c62828">
            <SolutionOutlined style={{ fontSize: 28 }} aria-hidden />
          </Badge>
          <span>{n > 0 ? t('suggestion.mine.homeWaiting', { n }) : t('suggestion.mine.homeCount', { n: total })}</span>
        </Space>
        <Link to="/my-suggestions">{t('suggestion.mine.homeLink')}</Link>
      </Space>
    </Card>
  );
}

export function MyAssignmentsCard() {
  const t = useT();
  const states = OFFICE_OPEN_STATES.join(',');
  const open = useQuery({ queryKey: ['suggestions', 'home', 'open'], queryFn: () => suggestionsApi.list({ states, pageSize: 1 }) });
  const overdue = useQuery({ queryKey: ['suggestions', 'home', 'overdue'], queryFn: () => suggestionsApi.list({ due: 'overdue', pageSize: 1 }) });
  const soon = useQuery({ queryKey: ['suggestions', 'home', 'soon'], queryFn: () => suggestionsApi.list({ due: 'soon', pageSize: 1 }) });
  const n = open.data?.total ?? 0;
  const late = overdue.data?.total ?? 0;
  return (
    <Card size="small" title={title(t('suggestion.assignments.homeCard'))}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space>
          <Badge count={late} color="#c62828">
            <FileDoneOutlined style={{ fontSize: 28 }} aria-hidden />
          </Badge>
          <span>{n ? t('suggestion.assignments.homeCount', { n, overdue: late, soon: soon.data?.total ?? 0 }) : t('suggestion.assignments.homeNone')}</span>
        </Space>
        <Link to="/my-assignments">{t('suggestion.assignments.homeLink')}</Link>
      </Space>
    </Card>
  );
}
