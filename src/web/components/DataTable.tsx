import { Table, type TableProps } from 'antd';
import { useEffect, useRef } from 'react';

/**
 * antd's Table with its scroll box reachable by keyboard: when the columns are wider than the screen
 * (phones), the box gets tabindex and a name so keyboard users can scroll it (axe:
 * scrollable-region-focusable). When nothing overflows it stays out of the tab order.
 */
export function DataTable<T extends object>({ label, ...props }: TableProps<T> & { label: string }) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const mark = () => {
      for (const el of root.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body')) {
        if (el.scrollWidth > el.clientWidth + 1) {
          el.tabIndex = 0;
          el.setAttribute('role', 'region');
          el.setAttribute('aria-label', label);
        } else {
          el.removeAttribute('tabindex');
          el.removeAttribute('role');
          el.removeAttribute('aria-label');
        }
      }
    };
    mark();
    const ro = new ResizeObserver(mark);
    ro.observe(root);
    return () => ro.disconnect();
  });

  return (
    <div ref={ref}>
      <Table<T> {...props} />
    </div>
  );
}
