import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import type { Paragraph, ReportBody } from '../../../shared/report/draft.ts';
import type { Facts } from '../../../shared/report/facts.ts';
import { useT } from '../../i18n/index.tsx';
import { FactPicker } from './FactPicker.tsx';
import { type BlockActions, ParagraphBlock } from './ParagraphBlock.tsx';
import { insertAt, insertParagraph, moveParagraph, patchParagraph, removeParagraph } from './reportEdit.ts';

/**
 * The text of a report, paragraph by paragraph, with the {{key}} tokens as they are stored. Changes go up
 * through `onChange` (the page keeps the unsaved body); nothing is sent until the page saves.
 */
export function ReportEditor({
  body,
  facts,
  problems,
  onChange,
}: {
  body: ReportBody;
  facts: Facts;
  problems: Map<number, string>;
  onChange: (update: (b: ReportBody) => ReportBody) => void;
}) {
  const t = useT();
  const [picking, setPicking] = useState<number | null>(null);
  const target = useRef<HTMLTextAreaElement | null>(null);

  const actions = useMemo<BlockActions>(
    () => ({
      change: (i: number, patch: Partial<Paragraph>) => onChange((b) => patchParagraph(b, i, patch)),
      move: (i, d) => onChange((b) => moveParagraph(b, i, d)),
      remove: (i) => onChange((b) => removeParagraph(b, i)),
      addBelow: (i) => onChange((b) => insertParagraph(b, i, 'body')),
      pick: (i, el) => {
        target.current = el;
        setPicking(i);
      },
    }),
    [onChange],
  );

  function insert(token: string) {
    const i = picking;
    const el = target.current;
    setPicking(null);
    if (i === null) return;
    const p = body.paragraphs[i];
    if (!p) return;
    // The textarea keeps its selection while the picker is open, so the token goes where the cursor was.
    const { text, caret } = insertAt(p.text, el?.selectionStart, el?.selectionEnd, token);
    onChange((b) => patchParagraph(b, i, { text }));
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      el.setSelectionRange(caret, caret);
    });
  }

  return (
    <div>
      <label htmlFor="report-doc-title">
        <Typography.Text strong>{t('report.docTitle')}</Typography.Text>
      </label>
      <Input
        id="report-doc-title"
        value={body.title}
        onChange={(e) => onChange((b) => ({ ...b, title: e.target.value }))}
        style={{ margin: '4px 0 12px', fontWeight: 600 }}
      />
      {body.paragraphs.map((p, i) => (
        <ParagraphBlock key={p.id} p={p} i={i} last={i === body.paragraphs.length - 1} facts={facts} error={problems.get(i)} actions={actions} />
      ))}
      <Button icon={<PlusOutlined />} onClick={() => actions.addBelow(body.paragraphs.length - 1)}>
        {t('report.addParagraph')}
      </Button>
      <FactPicker open={picking !== null} facts={facts} onPick={insert} onClose={() => setPicking(null)} />
    </div>
  );
}
