import { Input, Modal, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { FACT_CATALOGUE, type FactInfo } from '../../../shared/report/catalogue.ts';
import type { Facts } from '../../../shared/report/facts.ts';
import { formatFact } from '../../../shared/report/template.ts';
import { useT } from '../../i18n/index.tsx';
import { tokenFor } from './reportEdit.ts';

/**
 * 插入数据: the catalogue of facts, searchable by name or key, each with its current figure when the facts
 * are known; choosing one hands its {{key}} token back (the caller puts it at the cursor).
 */
export function FactPicker({
  open,
  facts,
  onPick,
  onClose,
}: {
  open: boolean;
  facts?: Facts;
  onPick: (token: string, f: FactInfo) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const shown = useMemo(() => {
    const s = q.trim().toLowerCase();
    return s ? FACT_CATALOGUE.filter((f) => f.label.toLowerCase().includes(s) || f.key.toLowerCase().includes(s)) : FACT_CATALOGUE;
  }, [q]);
  const preview = (f: FactInfo) => {
    const fact = facts?.[f.key];
    if (!fact || fact.value === null || (Array.isArray(fact.value) && fact.value.length === 0)) return t('report.pickerEmpty');
    const fmt = tokenFor(f).match(/\|([^}]*)\}\}$/)?.[1];
    return formatFact(facts?.[f.key], f.key, fmt);
  };
  return (
    <Modal open={open} title={t('report.pickerTitle')} onCancel={onClose} footer={null} destroyOnHidden width={640} afterOpenChange={(o) => !o && setQ('')}>
      <Typography.Paragraph type="secondary">{t('report.pickerHint')}</Typography.Paragraph>
      <Input.Search
        autoFocus
        allowClear
        aria-label={t('report.pickerSearch')}
        placeholder={t('report.pickerSearch')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      {shown.length === 0 ? (
        <Typography.Paragraph>{t('report.pickerNone')}</Typography.Paragraph>
      ) : (
        <ul className="fact-list" aria-label={t('report.pickerTitle')}>
          {shown.map((f) => (
            <li key={f.key}>
              <button type="button" onClick={() => onPick(tokenFor(f), f)}>
                <div>{f.label}</div>
                <div className="key">
                  {f.key}
                  {facts && ` · ${t('report.pickerNow', { value: preview(f) })}`}
                </div>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
