import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Spin } from 'antd';
import { useParams } from 'react-router-dom';
import { findingsApi } from '../../api/findings.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';

/*
 * A rectification notice (限期整改通知书) laid out for an A4 sheet. Printing hides the app's header, side
 * menu and buttons; on a screen the sheet keeps to the page's width and its table scrolls on a phone.
 */
const CSS = `
.notice-sheet { max-width: 190mm; margin: 0 auto; background: #fff; padding: 24px; color: #000; font-size: 15px; line-height: 1.9; }
.notice-sheet h2 { text-align: center; font-size: 24px; letter-spacing: 6px; margin: 0 0 4px; }
.notice-sheet .number { text-align: center; margin: 0 0 16px; }
.notice-sheet p { margin: 0; }
.notice-sheet p.body { text-indent: 2em; white-space: pre-wrap; }
.notice-sheet .scroll { overflow-x: auto; margin: 12px 0; }
.notice-sheet table { width: 100%; border-collapse: collapse; }
.notice-sheet th, .notice-sheet td { border: 1px solid #000; padding: 4px 8px; text-align: left; vertical-align: top; }
.notice-sheet .sign { text-align: right; margin-top: 32px; }
@media print {
  @page { size: A4; margin: 20mm; }
  .ant-layout-header, .ant-layout-sider, .ant-drawer, .skip-link, .no-print { display: none !important; }
  .main-content { padding: 0 !important; }
  body, .ant-layout { background: #fff !important; }
  .notice-sheet { max-width: none; padding: 0; font-size: 12pt; }
  .notice-sheet .scroll { overflow: visible; }
}
`;

/** 2026-03-05 → 2026年3月5日 */
function cnDate(d: string): string {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

export default function NoticePrintPage() {
  const t = useT();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['findings', 'notice', id], queryFn: () => findingsApi.notice(id) });
  if (q.isPending) return <Spin />;
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const n = q.data;
  return (
    <>
      <style>{CSS}</style>
      <div className="no-print">
        <PageHeader
          title={`${t('finding.noticeHeading')} ${n.number}`}
          back="/findings"
          extra={
            <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('finding.print')}
            </Button>
          }
        />
      </div>
      <article className="notice-sheet" aria-label={t('finding.noticeHeading')}>
        <h2>{t('finding.noticeHeading')}</h2>
        <p className="number">{n.number}</p>
        <p>{t('finding.noticeTo', { addressee: n.addressee })}</p>
        {n.content && <p className="body">{n.content}</p>}
        <div className="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('finding.noticeNo')}</th>
                <th scope="col">{t('finding.description')}</th>
                <th scope="col">{t('finding.place')}</th>
                <th scope="col">{t('finding.responsible')}</th>
                <th scope="col">{t('finding.foundOn')}</th>
              </tr>
            </thead>
            <tbody>
              {n.findings.map((f, i) => (
                <tr key={f.id}>
                  <td>
                    {i + 1}. {f.code}
                  </td>
                  <td>{f.description}</td>
                  <td>{f.place || '—'}</td>
                  <td>{f.responsible}</td>
                  <td>{f.foundOn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="body">{t('finding.noticeDeadlineLine', { deadline: cnDate(n.deadline) })}</p>
        <div className="sign">
          <p>{t('finding.noticeIssuer', { town: n.townName })}</p>
          <p>{cnDate(n.issuedOn)}</p>
        </div>
      </article>
    </>
  );
}
