import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Spin } from 'antd';
import { useParams } from 'react-router-dom';
import { ROLL_SHEET_COLUMNS, rollSheetFigures, rollSheetRow, sessionDatesText } from '../../../server/modules/sessions/roll.sheet.ts';
import { sessionsApi } from '../../api/sessions.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';

/*
 * The sign-in sheet (签到表) of a session for paper: the session's name, dates and place, the figures
 * (应到/实到/请假/缺席), and one line per deputy on the roll with an empty 签名 cell — the same columns
 * as the Excel export (roll.sheet.ts). Printing hides the app's header, side menu, drawer and buttons;
 * on a screen the table scrolls sideways on a phone.
 */
const CSS = `
.roll-sheet { max-width: 190mm; margin: 0 auto; background: #fff; padding: 16px; color: #000; font-size: 14px; line-height: 1.6; }
.roll-sheet h2 { text-align: center; font-size: 22px; letter-spacing: 2px; margin: 0 0 4px; }
.roll-sheet .sub { text-align: center; margin: 0 0 8px; }
.roll-sheet .figures { display: flex; flex-wrap: wrap; justify-content: center; gap: 4px 24px; margin: 0 0 12px; font-weight: bold; }
.roll-sheet .scroll { overflow-x: auto; }
.roll-sheet table { width: 100%; border-collapse: collapse; }
.roll-sheet th, .roll-sheet td { border: 1px solid #000; padding: 4px 6px; text-align: center; white-space: nowrap; }
.roll-sheet td.reason { white-space: normal; min-width: 6em; }
.roll-sheet td.sign { min-width: 7em; }
.roll-sheet tbody tr { height: 34px; }
.roll-sheet thead { display: table-header-group; }
.roll-sheet tr { page-break-inside: avoid; break-inside: avoid; }
@media print {
  @page { size: A4; margin: 12mm; }
  .ant-layout-header, .ant-layout-sider, .ant-drawer, .skip-link, .no-print { display: none !important; }
  .main-content { padding: 0 !important; }
  body, .ant-layout { background: #fff !important; }
  .roll-sheet { max-width: none; padding: 0; font-size: 11pt; }
  .roll-sheet .scroll { overflow: visible; }
}
`;

export default function RollPrintPage() {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const session = useQuery({ queryKey: ['sessions', id], queryFn: () => sessionsApi.get(id) });
  const taken = session.data ? session.data.rollTakenAt !== null : false;
  const roll = useQuery({ queryKey: ['sessions', id, 'roll'], queryFn: () => sessionsApi.roll(id), enabled: taken });
  const exportXlsx = useMutation({ mutationFn: () => sessionsApi.rollXlsx(id), onError: (e) => message.error((e as Error).message, 8) });

  if (session.error) return <LoadError error={session.error} onRetry={() => void session.refetch()} />;
  if (roll.error) return <LoadError error={roll.error} onRetry={() => void roll.refetch()} />;
  if (!session.data || (taken && !roll.data)) return <Spin />;
  const s = session.data;
  const name = `${me.town?.name ?? ''}${s.name}`;
  const title = `${t('session.roll.sheetTitle')} · ${s.shortName}`;

  return (
    <>
      <style>{CSS}</style>
      <div className="no-print">
        <PageHeader
          title={title}
          back={`/sessions/${id}`}
          extra={
            <>
              <Button icon={<FileExcelOutlined />} onClick={() => exportXlsx.mutate()} loading={exportXlsx.isPending} disabled={!taken}>
                {t('session.roll.exportXlsx')}
              </Button>
              <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!taken}>
                {t('session.roll.print')}
              </Button>
            </>
          }
        />
      </div>
      {!taken || !roll.data ? (
        <Alert type="info" showIcon title={t('session.roll.sheetNotTaken')} />
      ) : (
        <article className="roll-sheet" aria-label={title}>
          <h2>{name}签到表</h2>
          <p className="sub">
            会议时间：{sessionDatesText(s.startDate, s.endDate)}
            {s.place ? `　地点：${s.place}` : ''}
          </p>
          <div className="figures">
            {rollSheetFigures(roll.data.counts).map((f) => (
              <span key={f.label}>
                {f.label} {f.value} 名
              </span>
            ))}
          </div>
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  {ROLL_SHEET_COLUMNS.map((c) => (
                    <th key={c.key} scope="col">
                      {c.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {roll.data.entries.map((e, i) => {
                  const row = rollSheetRow(e, i + 1);
                  return (
                    <tr key={e.deputyId}>
                      {ROLL_SHEET_COLUMNS.map((c) => (
                        <td key={c.key} className={c.key === 'leaveReason' ? 'reason' : c.key === 'signature' ? 'sign' : undefined}>
                          {row[c.key]}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </article>
      )}
    </>
  );
}
