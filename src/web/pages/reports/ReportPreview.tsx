import type { ReactNode } from 'react';
import type { ReportBody } from '../../../shared/report/draft.ts';
import type { Facts } from '../../../shared/report/facts.ts';
import { fillText, segmentsOf } from '../../../shared/report/template.ts';
import { useT } from '../../i18n/index.tsx';

export type Figure = { key: string; text: string; ids: string[] };

/**
 * The report as it will read on paper: the title, headings (一、 in bold, （一） in 楷体) and paragraphs with a
 * first-line indent. Every figure is a button that opens its records; the text is cut into figures by the
 * shared segmentsOf, so the preview follows the editor as the user types.
 */
export function ReportPreview({ body, facts, live, onFigure }: { body: ReportBody; facts: Facts; live: boolean; onFigure: (f: Figure) => void }) {
  const t = useT();
  const figures = (text: string): ReactNode[] =>
    segmentsOf(text, facts).map((s, i) => {
      if (!('key' in s)) return s.text;
      const fact = facts[s.key];
      const cls = `report-fig${live ? ' live' : ''}${fact ? '' : ' missing'}`;
      const label = fact?.label ?? t('report.figureMissing');
      const open = () => onFigure({ key: s.key, text: s.text, ids: s.ids });
      return (
        // A span, not a <button>: a button cannot break across lines, and list figures are long.
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity beyond their place
          key={i}
          role="button"
          tabIndex={0}
          className={cls}
          title={t('report.figureTitle', { label, value: s.text })}
          onClick={open}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              open();
            }
          }}
        >
          {s.text}
        </span>
      );
    });
  return (
    <article className="report-paper" lang="zh-CN">
      <h2 className="doc-title">{body.title}</h2>
      {body.paragraphs.map((p) => {
        if (p.kind === 'h1')
          return (
            <h3 key={p.id} className="doc-h1">
              {figures(p.text)}
            </h3>
          );
        if (p.kind === 'h2')
          return (
            <h4 key={p.id} className="doc-h2">
              {figures(p.text)}
            </h4>
          );
        if (p.kind === 'title')
          return (
            <p key={p.id} className="doc-subtitle">
              {figures(p.text)}
            </p>
          );
        return (
          <p key={p.id}>
            {p.heading && <span className="doc-runin">{fillText(p.heading, facts)}</span>}
            {figures(p.text)}
          </p>
        );
      })}
    </article>
  );
}
