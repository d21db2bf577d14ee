import { useQuery } from '@tanstack/react-query';
import { unitsApi } from '../../api/units.ts';

/** The town's handling units for pickers and filters (a town has tens of them: one page holds all). */
export function useUnitOptions(enabled = true) {
  const q = useQuery({ queryKey: ['units', 'all'], queryFn: () => unitsApi.list({ pageSize: 200 }), staleTime: 5 * 60_000, retry: false, enabled });
  return {
    loading: q.isFetching,
    all: (q.data?.items ?? []).map((u) => ({ value: u.id, label: u.name, active: u.active })),
    active: (q.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name })),
  };
}
