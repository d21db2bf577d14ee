/* Small formatting of the report pages: times and periods as an office worker reads them. */

/** An ISO timestamp in the browser's time zone: 2026-12-07 14:05. */
export function dateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** 2026-01-01 – 2026-12-31 */
export function periodText(from: string, to: string): string {
  return `${from} – ${to}`;
}
