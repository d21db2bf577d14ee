import { useQuery } from '@tanstack/react-query';
import { suggestionsApi } from '../../api/suggestions.ts';

// Not under ['suggestions']: writes on suggestions refresh those lists, and the settings do not change with them.
export const SETTINGS_KEY = ['suggestion-settings'] as const;

/** The town's categories, grades and deadline numbers; every role may read them. */
export function useSuggestionSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: suggestionsApi.settings, staleTime: 5 * 60_000, retry: false });
}
