import { App, Alert, Button, Form, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { type Codes, appraisalsApi, ballotUrl } from '../../api/appraisals.ts';
import { useT } from '../../i18n/index.tsx';

const fmt = (c: string) => `${c.slice(0, 4)}-${c.slice(4)}`;
const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A sheet of cut-apart slips (four across) in a new window, printed at once: the codes exist nowhere else. */
export function printSlips(codes: Codes, note: string) {
  const url = ballotUrl(window.location.origin, codes.townCode, codes.pollId);
  const slips = codes.codes
    .map(
      (c) =>
        `<div class="slip"><div class="t">${esc(codes.title)}</div><div class="c">${fmt(c)}</div><div class="u">${esc(url)}</div><div class="n">${esc(note)}</div></div>`,
    )
    .join('');
  const w = window.open('', '_blank');
  if (!w) return;
  w.document.write(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(codes.title)}</title><style>
body{font-family:sans-serif;margin:8mm}.grid{display:grid;grid-template-columns:repeat(4,1fr);gap:0}
.slip{border:1px dashed #888;padding:4mm;text-align:center;break-inside:avoid}.t{font-size:11px}.c{font:bold 20px monospace;letter-spacing:2px;margin:2mm 0}
.u{font-size:9px;word-break:break-all}.n{font-size:9px;color:#444}</style></head><body><div class="grid">${slips}</div></body></html>`,
  );
  w.document.close();
  w.focus();
  w.print();
}

/** Generate a batch of one-time codes; they are shown here once and can be printed as slips. */
export function CodesDialog({ pollId, open, onClose }: { pollId: string; open: boolean; onClose: (changed: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [count, setCount] = useState<number | null>(50);
  const [busy, setBusy] = useState(false);
  const [codes, setCodes] = useState<Codes | null>(null);

  async function generate() {
    if (!count) return;
    setBusy(true);
    try {
      setCodes(await appraisalsApi.codes(pollId, count));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  const close = () => {
    const changed = codes !== null;
    setCodes(null);
    onClose(changed);
  };

  return (
    <Modal
      open={open}
      title={t('appraisal.genCodes')}
      onCancel={close}
      footer={<Button onClick={close}>{t('common.close')}</Button>}
      width={720}
      destroyOnHidden
    >
      {codes ? (
        <>
          <Alert type="warning" showIcon title={t('appraisal.codesOnce')} style={{ marginBottom: 12 }} />
          <Button type="primary" onClick={() => printSlips(codes, t('appraisal.slipNote'))} style={{ marginBottom: 12 }}>
            {t('appraisal.printSlips')}
          </Button>
          <ol aria-label={t('appraisal.genCodes')} style={{ columns: 4, fontFamily: 'monospace', fontSize: 15, paddingLeft: 28 }}>
            {codes.codes.map((c) => (
              <li key={c}>{fmt(c)}</li>
            ))}
          </ol>
        </>
      ) : (
        <Form layout="inline" onFinish={generate}>
          <Form.Item label={t('appraisal.codeCount')} htmlFor="codes-count">
            <InputNumber id="codes-count" min={1} max={500} value={count} onChange={setCount} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('appraisal.genCodes')}
          </Button>
        </Form>
      )}
    </Modal>
  );
}
