import { useQuery } from '@tanstack/react-query';
import { activitiesApi } from '../../api/activities.ts';
import { groupsApi } from '../../api/groups.ts';
import { useStations } from '../../hooks/useLookups.ts';

const LOOKUP = { staleTime: 5 * 60_000, retry: false } as const;

export function useKinds() {
  return useQuery({ queryKey: ['activity-kinds'], queryFn: () => activitiesApi.kinds(), ...LOOKUP });
}

export function useGroups() {
  return useQuery({ queryKey: ['groups', 'list'], queryFn: groupsApi.list, ...LOOKUP });
}

/** Choice lists for the activity forms and filters. */
export function useActivityOptions() {
  const kinds = useKinds().data?.items ?? [];
  const stations = useStations().data ?? [];
  const groups = useGroups().data ?? [];
  return {
    kinds: kinds.filter((k) => k.active).map((k) => ({ value: k.id, label: k.name })),
    allKinds: kinds.map((k) => ({ value: k.id, label: k.name })),
    stations: stations.map((s) => ({ value: s.id, label: s.name })),
    groups: groups.map((g) => ({ value: g.id, label: g.name })),
  };
}
