import { CheckCircleFilled, CopyOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../i18n/index.tsx';

/** Copy text; the Clipboard API exists only on HTTPS pages, so plain HTTP falls back to a selection. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection copy
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}

/** After a submission: the tracking code, large, with copy and the way to follow it. */
export function SubmitDone({ code, trackHref, onAnother }: { code: string; trackHref: string; onAnother: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="portal-done-title" style={{ textAlign: 'center' }}>
      <CheckCircleFilled aria-hidden style={{ fontSize: 48, color: '#2e7d32', marginTop: 8 }} />
      <h1 id="portal-done-title" ref={heading} tabIndex={-1} style={{ outline: 'none', marginTop: 8 }}>
        {t('portal.done.title')}
      </h1>
      <p style={{ marginBottom: 4 }}>{t('portal.done.codeLabel')}</p>
      <div className="portal-code" data-testid="tracking-code">
        {code}
      </div>
      <Typography.Paragraph style={{ marginTop: 12, textAlign: 'left' }}>{t('portal.done.codeHint')}</Typography.Paragraph>
      <div className="portal-actions">
        <Button
          type="primary"
          size="large"
          icon={<CopyOutlined />}
          onClick={async () => ((await copyText(code)) ? message.success(t('portal.done.copied')) : message.warning(t('portal.done.copyFailed')))}
        >
          {t('portal.done.copy')}
        </Button>
        <Button size="large" icon={<SearchOutlined />} onClick={() => navigate(trackHref)}>
          {t('portal.done.track')}
        </Button>
        <Button type="link" size="large" onClick={onAnother}>
          {t('portal.done.another')}
        </Button>
      </div>
    </section>
  );
}
