/**
 * Automatic codes such as U001 or G01: the codes in use are read once, and each call gives the next
 * number after the largest `<prefix><number>` among them, so an automatic code never meets one typed
 * in by hand and a whole import can be numbered in one pass. `width` pads the number with zeros.
 */
export function codeCounter(prefix: string, width: number, codesInUse: Iterable<string>): () => string {
  const own = new RegExp(`^${prefix}(\\d+)$`);
  let last = 0;
  for (const c of codesInUse) {
    const m = own.exec(c);
    if (m) last = Math.max(last, Number(m[1]));
  }
  return () => {
    last++;
    return `${prefix}${String(last).padStart(width, '0')}`;
  };
}
