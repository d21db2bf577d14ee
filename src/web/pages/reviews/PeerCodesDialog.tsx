import { Alert, Button, Modal } from 'antd';
import { ballotUrl } from '../../api/appraisals.ts';
import type { IssuedCode } from '../../api/reviews.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { useT } from '../../i18n/index.tsx';

const fmt = (c: string) => `${c.slice(0, 4)}-${c.slice(4)}`;
const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** One slip per deputy, with their name, printed at once: the codes exist nowhere else. */
function printNamedSlips(title: string, url: string, codes: IssuedCode[]) {
  const slips = codes
    .map(
      (c) =>
        `<div class="slip"><div class="t">${esc(title)}</div><div class="n">${esc(c.name)}</div><div class="c">${fmt(c.code)}</div><div class="u">${esc(url)}</div></div>`,
    )
    .join('');
  const w = window.open('', '_blank');
  if (!w) return;
  w.document.write(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
body{font-family:sans-serif;margin:8mm}.grid{display:grid;grid-template-columns:repeat(3,1fr)}
.slip{border:1px dashed #888;padding:4mm;text-align:center;break-inside:avoid}.t{font-size:11px}.n{font-size:14px;font-weight:bold}
.c{font:bold 20px monospace;letter-spacing:2px;margin:2mm 0}.u{font-size:9px;word-break:break-all}</style></head><body><div class="grid">${slips}</div></body></html>`,
  );
  w.document.close();
  w.focus();
  w.print();
}

/** The peer-review codes just made, one per deputy: shown once, to hand out or print. */
export function PeerCodesDialog({
  title,
  townCode,
  pollId,
  codes,
  onClose,
}: {
  title: string;
  townCode: string;
  pollId: string;
  codes: IssuedCode[] | null;
  onClose: () => void;
}) {
  const t = useT();
  const url = ballotUrl(window.location.origin, townCode, pollId);
  return (
    <Modal
      open={codes !== null}
      title={t('review.codesTitle')}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      width={560}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('review.codesOnce')} style={{ marginBottom: 12 }} />
      <Button type="primary" onClick={() => printNamedSlips(title, url, codes ?? [])} style={{ marginBottom: 12 }}>
        {t('review.print')}
      </Button>
      <DataTable<IssuedCode>
        label={t('review.codesTitle')}
        size="small"
        rowKey="deputyId"
        pagination={false}
        dataSource={codes ?? []}
        columns={[
          { key: 'name', title: t('review.holder'), dataIndex: 'name' },
          { key: 'code', title: t('review.code'), render: (_, c) => <code style={{ fontSize: 15, letterSpacing: 1 }}>{fmt(c.code)}</code> },
        ]}
      />
    </Modal>
  );
}
