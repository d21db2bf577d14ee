import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Select, Spin } from 'antd';
import { useParams, useSearchParams } from 'react-router-dom';
import { tallySheetFigures, tallySheetRow } from '../../../server/modules/sessions/elections.text.ts';
import { electionsApi } from '../../api/elections.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';

/*
 * The tally sheet (计票单) of one round and its result announcement (选举结果公告), laid out for an A4
 * sheet. Printing hides the app's header, side menu, drawer and buttons; on a screen the sheet keeps to
 * the width of the page and its table scrolls sideways on a phone.
 */
const CSS = `
.tally-sheet { max-width: 190mm; margin: 0 auto; background: #fff; padding: 16px; color: #000; font-size: 14px; line-height: 1.7; }
.tally-sheet h2 { text-align: center; font-size: 22px; letter-spacing: 4px; margin: 0 0 4px; }
.tally-sheet .sub { text-align: center; margin: 0 0 12px; }
.tally-sheet .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 2px 16px; margin: 8px 0 12px; }
.tally-sheet .figures .wide { grid-column: 1 / -1; }
.tally-sheet .scroll { overflow-x: auto; }
.tally-sheet table { width: 100%; border-collapse: collapse; }
.tally-sheet th, .tally-sheet td { border: 1px solid #000; padding: 4px 8px; text-align: center; white-space: nowrap; }
.tally-sheet th:first-child, .tally-sheet td:first-child { text-align: left; }
.tally-sheet .elected td { font-weight: bold; }
.tally-sheet .signs { display: flex; flex-wrap: wrap; gap: 8px 32px; margin: 16px 0 24px; }
.tally-sheet .announcement { border-top: 2px solid #000; margin-top: 16px; padding-top: 12px; page-break-inside: avoid; break-inside: avoid; }
.tally-sheet .announcement p { margin: 0; text-indent: 2em; }
.tally-sheet .announcement p.right { text-align: right; text-indent: 0; }
@media print {
  @page { size: A4; margin: 15mm; }
  .ant-layout-header, .ant-layout-sider, .ant-drawer, .skip-link, .no-print { display: none !important; }
  .main-content { padding: 0 !important; }
  body, .ant-layout { background: #fff !important; }
  .tally-sheet { max-width: none; padding: 0; font-size: 12pt; }
  .tally-sheet .scroll { overflow: visible; }
}
`;

export default function ElectionTallyPrintPage() {
  const t = useT();
  const { id = '', electionId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const q = useQuery({ queryKey: ['sessions', id, 'elections'], queryFn: () => electionsApi.list(id) });
  if (q.isLoading) return <Spin />;
  if (q.error || !q.data) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  const e = q.data.items.find((x) => x.id === electionId);
  if (!e) return <LoadError error={new Error('选举不存在')} />;
  const wanted = Number(search.get('round'));
  const r = e.rounds.find((x) => x.round === wanted) ?? e.rounds.at(-1);
  const title = `${t('election.tallySheet')} · ${e.postName}`;

  return (
    <>
      <style>{CSS}</style>
      <div className="no-print">
        <PageHeader
          title={title}
          back={`/sessions/${id}`}
          extra={
            <>
              {e.rounds.length > 1 && (
                <Select
                  aria-label={t('election.pickRound')}
                  value={r?.round}
                  onChange={(v) => setSearch({ round: String(v) })}
                  style={{ width: 120 }}
                  options={e.rounds.map((x) => ({ value: x.round, label: t('election.roundN', { n: x.round }) }))}
                />
              )}
              <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!r}>
                {t('election.print')}
              </Button>
            </>
          }
        />
      </div>
      {!r ? (
        <Empty description={t('election.noRounds')} />
      ) : (
        <article className="tally-sheet" aria-label={title}>
          <h2>计票单</h2>
          <p className="sub">
            {q.data.session.name}
            <br />
            选举{e.postName}
            {e.rounds.length > 1 || r.round > 1 ? `（第${r.round}轮）` : ''}
          </p>
          <div className="figures">
            {tallySheetFigures({ ...r, present: r.presentCount }).map((f, i, all) => (
              <div key={f.label} className={i === all.length - 1 ? 'wide' : undefined}>
                {f.label}：{f.value}
              </div>
            ))}
          </div>
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">候选人</th>
                  <th scope="col">赞成</th>
                  <th scope="col">反对</th>
                  <th scope="col">弃权</th>
                  <th scope="col">结果</th>
                </tr>
              </thead>
              <tbody>
                {r.lines.map((l) => (
                  <tr key={l.candidateId ?? `w:${l.writeInName}`} className={l.elected ? 'elected' : undefined}>
                    {tallySheetRow({ ...l, writeIn: !l.candidateId }).map((cell, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns of one row
                      <td key={i}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p style={{ marginTop: 8 }}>结果：{t(`election.outcome.${r.outcome}`)}</p>
          <div className="signs">
            <span>{t('election.counter')}：__________</span>
            <span>{t('election.scrutineer')}：__________</span>
            <span>{t('election.chiefScrutineer')}：__________</span>
          </div>
          <section className="announcement" aria-label="选举结果公告">
            <h2>选举结果公告</h2>
            {r.announcement.split('\n').map((line, i, all) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one stored text
              <p key={i} className={i >= all.length - 2 ? 'right' : undefined}>
                {line}
              </p>
            ))}
          </section>
        </article>
      )}
    </>
  );
}
