import { useQuery } from '@tanstack/react-query';
import { regionsApi } from '../api/regions.ts';
import { stationsApi } from '../api/stations.ts';

// Choice lists for filters and forms. They change rarely, so they stay fresh for five minutes; when an
// endpoint is missing the list is simply empty and the form still works with the fields it has.
const LOOKUP = { staleTime: 5 * 60_000, retry: false } as const;

export function useStations() {
  return useQuery({ queryKey: ['stations', 'list'], queryFn: stationsApi.list, ...LOOKUP });
}

export function useTerms() {
  return useQuery({ queryKey: ['terms'], queryFn: regionsApi.terms, ...LOOKUP });
}

export function useConstituencies(termId: string | undefined) {
  return useQuery({ queryKey: ['constituencies', termId ?? null], queryFn: () => regionsApi.constituencies(termId), enabled: !!termId, ...LOOKUP });
}

export function useStationOptions() {
  return (useStations().data ?? []).map((s) => ({ value: s.id, label: s.name }));
}

export function useTermOptions() {
  return (useTerms().data ?? []).map((x) => ({ value: x.id, label: x.name }));
}
