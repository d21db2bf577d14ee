import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { activitiesApi } from '../../api/activities.ts';
import { cn } from './activityFormat.ts';
import { codeFromParam } from './qrRects.ts';
import { useT } from '../../i18n/index.tsx';

/**
 * 签到: the six digits shown at the activity, typed on the phone's number pad — or arriving in the link
 * of the activity's QR code, in which case the sign-in is sent at once (once: the parameter is then taken
 * out of the address, so a reload does not sign in again).
 */
export function SignInCard() {
  const t = useT();
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const fromLink = codeFromParam(sp.get('code'));
  const [code, setCode] = useState(fromLink ?? '');
  const signIn = useMutation({
    mutationFn: (c: string) => activitiesApi.signIn(c),
    onSuccess: () => {
      setCode('');
      void qc.invalidateQueries({ queryKey: ['activities'] });
    },
  });
  const sent = useRef(false);
  useEffect(() => {
    if (!fromLink || sent.current) return;
    sent.current = true;
    signIn.mutate(fromLink);
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete('code');
        return next;
      },
      { replace: true },
    );
  }, [fromLink, signIn, setSp]);
  const r = signIn.data;
  const err = signIn.error;
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('attendance.signIn')}</h2>}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (code.length === 6) signIn.mutate(code);
        }}
        style={{ display: 'flex', gap: 8 }}
      >
        <label htmlFor="sign-in-code" className="visually-hidden">
          {t('attendance.codeLabel')}
        </label>
        <Input
          id="sign-in-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={6}
          placeholder={t('attendance.codePlaceholder')}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
          style={{ fontSize: 24, letterSpacing: '0.2em', fontFamily: 'monospace' }}
          size="large"
        />
        <Button type="primary" htmlType="submit" size="large" disabled={code.length !== 6} loading={signIn.isPending}>
          {t('attendance.signInButton')}
        </Button>
      </form>
      <div role="status" aria-live="polite" style={{ marginTop: 12 }}>
        {r && (
          <Alert
            type={r.status === 'late' ? 'warning' : 'success'}
            showIcon
            title={r.status === 'late' ? t('attendance.signedInLate') : t('attendance.signedInOk')}
            description={t('attendance.signedInDetail', { title: r.title, at: cn(r.signedInAt).format('HH:mm') })}
          />
        )}
        {err && !signIn.isPending && (
          <Alert
            type="error"
            showIcon
            title={err instanceof ApiError && err.status === 403 ? t('attendance.notInvited') : t('attendance.signInFailed')}
            description={err.message}
          />
        )}
      </div>
    </Card>
  );
}
