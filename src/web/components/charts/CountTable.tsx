import { useT } from '../../i18n/index.tsx';

export type LabelledCount = { label: string; count: number };

/**
 * The numbers behind a chart, as a table for screen readers (the chart itself is only a picture).
 * The wrapper is hidden, not the table: a table ignores height 1px and would lengthen the page.
 */
export function CountTable({ caption, rows }: { caption: string; rows: LabelledCount[] }) {
  const t = useT();
  return (
    <div className="visually-hidden">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('home.category')}</th>
            <th scope="col">{t('common.count')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td>{r.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
