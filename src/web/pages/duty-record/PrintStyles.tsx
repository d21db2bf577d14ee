/**
 * Printing a record or a board: only the page's content, without the menu, the header bar or the
 * buttons. Kept with the pages that print so the app's own stylesheet stays as it is.
 */
const CSS = `
@media print {
  .ant-layout-header, .ant-layout-sider, .ant-drawer, .skip-link, .no-print, button { display: none !important; }
  .main-content { padding: 0 !important; }
  .print-avoid-break { break-inside: avoid; }
  body { background: #fff; }
}
`;

export function PrintStyles() {
  return <style>{CSS}</style>;
}
