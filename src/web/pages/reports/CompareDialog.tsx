import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Modal, Select, Spin, Tag } from 'antd';
import type { CharOp, Comparison, Side, VersionSummary } from '../../api/reports.ts';
import { reportsApi } from '../../api/reports.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';

/** Added text in <ins>, removed in <del>: underline and strike-through say it without colour. */
function Chars({ ops }: { ops: CharOp[] }) {
  return (
    <>
      {ops.map((o, i) => {
        // biome-ignore lint/suspicious/noArrayIndexKey: a diff's runs have no identity beyond their order
        if (o.op === 'added') return <ins key={i}>{o.text}</ins>;
        // biome-ignore lint/suspicious/noArrayIndexKey: as above
        if (o.op === 'removed') return <del key={i}>{o.text}</del>;
        // biome-ignore lint/suspicious/noArrayIndexKey: as above
        return <span key={i}>{o.text}</span>;
      })}
    </>
  );
}

function Changes({ data }: { data: Comparison }) {
  const t = useT();
  const changed = data.changes.filter((c) => c.op !== 'same');
  if (changed.length === 0 && !data.titleChanged) return <Empty description={t('report.compareSame')} />;
  const full = (p?: { heading?: string; text: string }) => `${p?.heading ?? ''}${p?.text ?? ''}`;
  return (
    <div className="report-diff">
      <p role="status">
        <strong>{t('report.compareCount', { n: changed.length + (data.titleChanged ? 1 : 0) })}</strong>
        {'　'}
        <ins>{t('report.legendAdded')}</ins>
        {'　'}
        <del>{t('report.legendRemoved')}</del>
      </p>
      {data.titleChanged && <Alert type="info" showIcon title={t('report.compareTitleChanged')} style={{ marginBottom: 10 }} />}
      {changed.map((c) => (
        <div key={`${c.op}-${c.a?.id ?? ''}-${c.b?.id ?? ''}`} className="change">
          <div className="change-label">{t(`report.change.${c.op}` as MsgKey)}</div>
          {c.op === 'changed' && <Chars ops={c.chars ?? []} />}
          {c.op === 'added' && <ins>{full(c.b)}</ins>}
          {c.op === 'removed' && <del>{full(c.a)}</del>}
        </div>
      ))}
    </div>
  );
}

/** 比较版本: two sides (the current text or a version number) and the paragraphs that differ. */
export function CompareDialog({
  id,
  versions,
  sides,
  onSides,
  onClose,
}: {
  id: string;
  versions: VersionSummary[];
  sides: [Side, Side] | null;
  onSides: (s: [Side, Side]) => void;
  onClose: () => void;
}) {
  const t = useT();
  const mobile = useIsMobile();
  const [a, b] = sides ?? ['current', 'current'];
  const cmp = useQuery({ queryKey: ['report-compare', id, a, b], queryFn: () => reportsApi.compare(id, a, b), enabled: !!sides && a !== b });
  const options = [
    ...[...versions].sort((x, y) => x.number - y.number).map((v) => ({ value: String(v.number), label: t('report.versionN', { n: v.number }) })),
    { value: 'current', label: t('report.current') },
  ];
  const side = (v: string): Side => (v === 'current' ? 'current' : Number(v));
  return (
    <Modal open={!!sides} title={t('report.compareTitle')} onCancel={onClose} footer={null} width={mobile ? '100%' : 880} destroyOnHidden>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginBottom: 16 }}>
        <label style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
          {t('report.compareA')}
          <Select aria-label={t('report.compareA')} value={String(a)} options={options} onChange={(v) => onSides([side(v), b])} style={{ width: 140 }} />
        </label>
        <label style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
          {t('report.compareB')}
          <Select aria-label={t('report.compareB')} value={String(b)} options={options} onChange={(v) => onSides([a, side(v)])} style={{ width: 140 }} />
        </label>
        {a === b && <Tag>{t('report.compareSame')}</Tag>}
      </div>
      {cmp.isLoading && <Spin />}
      {cmp.error && <Alert type="error" showIcon title={(cmp.error as Error).message} />}
      {cmp.data && a !== b && <Changes data={cmp.data} />}
    </Modal>
  );
}
