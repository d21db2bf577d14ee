/** The ids with the one at `i` moved a place up (-1) or down (1); the whole order then goes to the server in one request. */
export function moved(ids: readonly string[], i: number, step: -1 | 1): string[] {
  const j = i + step;
  if (j < 0 || j >= ids.length) return [...ids];
  const out = [...ids];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}
