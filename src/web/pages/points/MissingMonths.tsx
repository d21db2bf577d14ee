import { Alert } from 'antd';
import { useT } from '../../i18n/index.tsx';

/** Which published months a ranking sums, and which ended months it leaves out because they are not published. */
export function MissingMonths({ used, missing }: { used: string[]; missing: string[] }) {
  const t = useT();
  return (
    <div style={{ marginBottom: 12 }}>
      {used.length > 0 && <p style={{ margin: '0 0 8px', color: '#595959', fontSize: 13 }}>{t('points.monthsUsed', { months: used.join('、') })}</p>}
      {missing.length > 0 ? (
        <Alert type="warning" showIcon title={t('points.missing', { months: missing.join('、') })} />
      ) : (
        <p style={{ margin: 0, color: '#595959', fontSize: 13 }}>{t('points.noneMissing')}</p>
      )}
    </div>
  );
}
