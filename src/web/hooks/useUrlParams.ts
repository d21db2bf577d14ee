import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * List state (filters, sort, page) kept in the address bar, so Back returns to the same list and a
 * filtered list can be shared as a link. Setting a filter returns to page 1.
 */
export function useUrlParams<K extends string>(keys: readonly K[]) {
  const [sp, setSp] = useSearchParams();
  const values = useMemo(() => {
    const out = {} as Record<K, string | undefined>;
    for (const k of keys) out[k] = sp.get(k) ?? undefined;
    return out;
  }, [sp, keys]);
  const page = Number(sp.get('page') ?? '1') || 1;
  const pageSize = Number(sp.get('pageSize') ?? '20') || 20;

  const set = useCallback(
    (patch: Partial<Record<K | 'page' | 'pageSize', string | number | undefined | null>>) => {
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          const touchesFilter = Object.keys(patch).some((k) => k !== 'page' && k !== 'pageSize');
          if (touchesFilter) next.delete('page');
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          return next;
        },
        { replace: true },
      );
    },
    [setSp],
  );

  const reset = useCallback(() => setSp(new URLSearchParams(), { replace: true }), [setSp]);
  return { values, page, pageSize, set, reset };
}
