import { Alert } from 'antd';
import type { Election } from '../../api/elections.ts';
import { useT } from '../../i18n/index.tsx';

/** The nomination rule check (差额 / 等额 / irregular) with its warnings; warnings never block the vote. */
export function ElectionRuleAlert({ rule }: { rule: Election['rule'] }) {
  const t = useT();
  const type = rule.mode === 'irregular' || rule.warnings.length > 0 ? 'warning' : rule.mode === 'competitive' ? 'success' : 'info';
  return (
    <Alert
      type={type}
      showIcon
      title={t(`election.rule.${rule.mode}`)}
      description={
        rule.warnings.length > 0 ? (
          <>
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {rule.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
            <div style={{ marginTop: 4, color: '#595959' }}>{t('election.rule.note')}</div>
          </>
        ) : undefined
      }
    />
  );
}
