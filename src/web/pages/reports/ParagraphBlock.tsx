import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, DatabaseOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, type GetRef, Input, Popconfirm, Select, Tooltip } from 'antd';
import { memo, useRef } from 'react';
import type { Paragraph, ParagraphKind } from '../../../shared/report/draft.ts';
import type { Facts } from '../../../shared/report/facts.ts';
import { formatFact, TOKEN } from '../../../shared/report/template.ts';
import type { MsgKey } from '../../i18n/index.tsx';
import { useT } from '../../i18n/index.tsx';

export const PARAGRAPH_KINDS: ParagraphKind[] = ['lead', 'h1', 'h2', 'body', 'title'];

export type BlockActions = {
  change: (i: number, patch: Partial<Paragraph>) => void;
  move: (i: number, delta: -1 | 1) => void;
  remove: (i: number) => void;
  addBelow: (i: number) => void;
  /** Open the data picker for paragraph i; the block gives its textarea so the token lands at the cursor. */
  pick: (i: number, el: HTMLTextAreaElement | null) => void;
};

/** The figures a paragraph uses, with today's values, so the tokens in the text can be read at a glance. */
function TokenLine({ text, facts }: { text: string; facts: Facts }) {
  const t = useT();
  const found = [...text.matchAll(TOKEN)];
  if (found.length === 0) return null;
  const seen = new Set<string>();
  const parts = found.filter((m) => !seen.has(m[0]) && seen.add(m[0]));
  return (
    <div className="report-tokens">
      {t('report.tokens')}：
      {parts.map((m, i) => (
        <span key={m[0]}>
          {i > 0 && '；'}
          {facts[m[1]]?.label ?? m[1]} <code>{formatFact(facts[m[1]], m[1], m[2])}</code>
        </span>
      ))}
    </div>
  );
}

/** One paragraph in the editor: its kind, the tools, the text with its {{key}} tokens, and a server problem if any. */
export const ParagraphBlock = memo(function ParagraphBlock({
  p,
  i,
  last,
  facts,
  error,
  actions,
}: {
  p: Paragraph;
  i: number;
  last: boolean;
  facts: Facts;
  error?: string;
  actions: BlockActions;
}) {
  const t = useT();
  const ref = useRef<GetRef<typeof Input.TextArea>>(null);
  const n = i + 1;
  const errorId = `para-err-${p.id}`;
  return (
    <section className={`report-para k-${p.kind}${error ? ' has-error' : ''}`} aria-label={t('report.paragraph', { n })}>
      <div className="report-para-bar">
        <span className="num">{t('report.paragraph', { n })}</span>
        <Select
          size="small"
          aria-label={t('report.paragraphKind', { n })}
          value={p.kind}
          onChange={(kind) => actions.change(i, { kind })}
          options={PARAGRAPH_KINDS.map((k) => ({ value: k, label: t(`report.pkind.${k}` as MsgKey) }))}
          style={{ width: 104 }}
          popupMatchSelectWidth={false}
        />
        <span className="spacer" />
        <Button
          size="small"
          icon={<DatabaseOutlined />}
          onClick={() => actions.pick(i, ref.current?.resizableTextArea?.textArea ?? null)}
          aria-label={t('report.insertFactIn', { n })}
        >
          {t('report.insertFact')}
        </Button>
        <Tooltip title={t('report.moveUp', { n })}>
          <Button
            size="small"
            type="text"
            icon={<ArrowUpOutlined />}
            disabled={i === 0}
            aria-label={t('report.moveUp', { n })}
            onClick={() => actions.move(i, -1)}
          />
        </Tooltip>
        <Tooltip title={t('report.moveDown', { n })}>
          <Button
            size="small"
            type="text"
            icon={<ArrowDownOutlined />}
            disabled={last}
            aria-label={t('report.moveDown', { n })}
            onClick={() => actions.move(i, 1)}
          />
        </Tooltip>
        <Tooltip title={t('report.addBelow', { n })}>
          <Button size="small" type="text" icon={<PlusOutlined />} aria-label={t('report.addBelow', { n })} onClick={() => actions.addBelow(i)} />
        </Tooltip>
        <Popconfirm title={t('report.removeConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => actions.remove(i)}>
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('report.remove', { n })} />
        </Popconfirm>
      </div>
      {p.heading !== undefined && (
        <Input
          size="small"
          aria-label={t('report.paragraphHeading', { n })}
          value={p.heading}
          onChange={(e) => actions.change(i, { heading: e.target.value })}
          style={{ marginBottom: 6, fontWeight: 600 }}
        />
      )}
      <Input.TextArea
        ref={ref}
        aria-label={t('report.paragraphText', { n })}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        value={p.text}
        autoSize={{ minRows: p.kind === 'h1' || p.kind === 'h2' ? 1 : 2, maxRows: 16 }}
        onChange={(e) => actions.change(i, { text: e.target.value })}
      />
      <TokenLine text={p.text} facts={facts} />
      {error && (
        <div id={errorId} className="report-para-error" role="alert">
          {error}
        </div>
      )}
    </section>
  );
});
