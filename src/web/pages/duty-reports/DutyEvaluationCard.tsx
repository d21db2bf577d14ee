import { Card, Empty, Space, Statistic } from 'antd';
import { Link } from 'react-router-dom';
import type { DutyRecord } from '../../api/dutyRecord.ts';
import { useT } from '../../i18n/index.tsx';
import { percent } from '../appraisals/appraisalFormat.tsx';
import { ResultTag } from './dutyReportFormat.tsx';

/** In the duty record: the year's duty reports (述职) with their results, and the average peer / voter review scores. */
export function DutyEvaluationCard({ evaluation }: { evaluation: NonNullable<DutyRecord['evaluation']> }) {
  const t = useT();
  const score = (s: number | null) => (s === null ? t('dutyReport.noScore') : s.toFixed(2));
  return (
    <Card size="small" className="print-avoid-break" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('dutyReport.inRecord')}</h2>}>
      {evaluation.dutyReports.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dutyReport.empty')} />
      ) : (
        <ul style={{ margin: '0 0 12px', paddingInlineStart: 20 }}>
          {evaluation.dutyReports.map((d) => (
            <li key={d.id} style={{ marginBottom: 4 }}>
              <Link to={`/duty-reports/${d.id}`} style={{ textDecoration: 'underline' }}>{`${d.heldOn} ${d.code}`}</Link>
              {d.place ? ` · ${d.place}` : ''} · {d.status === 'closed' ? <ResultTag result={d.result} /> : t('dutyReport.noResult')}
              {d.approval !== null && ` · ${t('dutyReport.approval')} ${percent(d.approval)}`}
            </li>
          ))}
        </ul>
      )}
      <Space wrap size={28}>
        <Statistic title={t('dutyReport.peerScore')} value={score(evaluation.reviewScores.peer)} />
        <Statistic title={t('dutyReport.voterScore')} value={score(evaluation.reviewScores.voter)} />
      </Space>
    </Card>
  );
}
