import { FullscreenOutlined } from '@ant-design/icons';
import { Button, Modal } from 'antd';
import { useMemo, useState } from 'react';
import type { ActivityDetail } from '../../api/activities.ts';
import { useT } from '../../i18n/index.tsx';
import { cn } from './activityFormat.ts';
import { qrCode, signInUrl } from './qrRects.ts';

/** A QR code drawn as SVG rects (see qrRects.ts); `label` is what a screen reader hears instead of the picture. */
export function QrSvg({ text, label, size }: { text: string; label: string; size: number | string }) {
  const qr = useMemo(() => qrCode(text), [text]);
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      shapeRendering="crispEdges"
      // CSS, not attributes: the large view sizes it with min(vh, vw).
      style={{ display: 'block', margin: '0 auto', width: size, height: size, maxWidth: '100%' }}
    >
      <rect width={qr.size} height={qr.size} fill="#fff" />
      {qr.runs.map((r) => (
        <rect key={`${r.x}-${r.y}`} x={r.x} y={r.y} width={r.w} height={1} fill="#000" />
      ))}
    </svg>
  );
}

type Props = { a: Pick<ActivityDetail, 'title' | 'signInCode' | 'signInOpensAt' | 'endAt'> };

/**
 * The sign-in QR code under the six digits: scanning it opens the deputy's sign-in page with the code
 * filled in (after logging in if needed). "全屏显示" shows code and QR as large as the screen allows, for
 * the projector at the meeting.
 */
export function SignInQr({ a }: Props) {
  const t = useT();
  const [big, setBig] = useState(false);
  if (!a.signInCode) return null;
  const url = signInUrl(window.location.origin, a.signInCode);
  const label = t('activityView.qrLabel', { code: a.signInCode.split('').join(' ') });
  const window_ = t('activity.signInWindow', { from: cn(a.signInOpensAt).format('MM-DD HH:mm'), to: cn(a.endAt).format('MM-DD HH:mm') });
  return (
    <div data-testid="sign-in-qr" style={{ textAlign: 'center', marginTop: 12 }}>
      <QrSvg text={url} label={label} size={200} />
      <p style={{ margin: '8px 0' }}>{t('activityView.qrHint')}</p>
      <Button icon={<FullscreenOutlined />} onClick={() => setBig(true)}>
        {t('activityView.fullscreen')}
      </Button>
      <Modal
        open={big}
        onCancel={() => setBig(false)}
        footer={null}
        width="100vw"
        style={{ top: 0, maxWidth: '100vw', paddingBottom: 0 }}
        styles={{ body: { minHeight: 'calc(100vh - 80px)', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center' } }}
        title={a.title}
        closable={{ 'aria-label': t('activityView.closeFullscreen') }}
        destroyOnHidden
      >
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 48, alignItems: 'center', justifyContent: 'center' }}>
          <QrSvg text={url} label={label} size="min(70vh, 86vw)" />
          <div style={{ textAlign: 'center' }}>
            <div style={{ fontSize: 24 }}>{t('activity.signInCode')}</div>
            <div aria-hidden="true" style={{ fontSize: 'min(14vw, 120px)', fontWeight: 700, letterSpacing: '0.15em', fontFamily: 'monospace', lineHeight: 1.1 }}>
              {a.signInCode}
            </div>
            <p style={{ fontSize: 20, margin: '12px 0 0' }}>{window_}</p>
            <p style={{ fontSize: 20, margin: '4px 0 0' }}>{t('activityView.qrHint')}</p>
          </div>
        </div>
      </Modal>
    </div>
  );
}
