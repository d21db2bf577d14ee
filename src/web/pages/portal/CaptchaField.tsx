import { ReloadOutlined } from '@ant-design/icons';
import { Button, Form, Input, Spin } from 'antd';
import type { Captcha } from '../../api/portal.ts';
import { useT } from '../../i18n/index.tsx';
import { svgSrc } from './portalFormat.ts';

/**
 * The captcha answer with its picture. The picture is an <img> of the server's SVG (it can run
 * nothing); tapping it, or the button beside it, fetches a new one.
 */
export function CaptchaField({
  captcha,
  loading,
  failed,
  onRefresh,
}: {
  captcha: Captcha | undefined;
  loading: boolean;
  failed: boolean;
  onRefresh: () => void;
}) {
  const t = useT();
  return (
    <Form.Item label={t('portal.submit.captcha')} required extra={t('portal.submit.captchaHint')} style={{ marginBottom: 16 }}>
      <div className="portal-captcha">
        <Form.Item
          name="captchaAnswer"
          noStyle
          rules={[{ required: true, whitespace: true, message: t('portal.submit.required', { field: t('portal.submit.captcha') }) }]}
        >
          <Input
            id="portal-captcha-answer"
            aria-label={t('portal.submit.captcha')}
            maxLength={8}
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            style={{ width: 120, textTransform: 'uppercase', letterSpacing: 2 }}
          />
        </Form.Item>
        <button
          type="button"
          className="portal-captcha-image"
          onClick={onRefresh}
          aria-label={`${t('portal.submit.captchaImage')}，${t('portal.submit.captchaRefresh')}`}
        >
          {captcha && !loading ? (
            <img src={svgSrc(captcha.svg)} width={160} height={60} alt={t('portal.submit.captchaImage')} />
          ) : (
            <span style={{ display: 'inline-flex', width: 160, height: 60, alignItems: 'center', justifyContent: 'center', lineHeight: 1.4, fontSize: 13 }}>
              {failed && !loading ? t('portal.submit.captchaFailed') : <Spin size="small" aria-label={t('portal.submit.captchaLoading')} />}
            </span>
          )}
        </button>
        <Button type="link" icon={<ReloadOutlined />} onClick={onRefresh} style={{ paddingInline: 4, minHeight: 44 }}>
          {t('portal.submit.captchaRefresh')}
        </Button>
      </div>
    </Form.Item>
  );
}
