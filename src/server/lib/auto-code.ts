/**
 * Automatic codes such as U001 or G01: the codes in use are read once, and each call gives the next
 * number after the largest `<prefix><number>` among them, so an automatic code never meets one typed
 * in by hand and a whole import can be numbered in one pass. The number is padded with zeros to the width
 * of the largest code in use (a town that numbers its offices U01…U13 gets U14, not U014, which would sort
 * between U01 and U02), or to `width` when none is in use yet.
 */
export function codeCounter(prefix: string, width: number, codesInUse: Iterable<string>): () => string {
  const own = new RegExp(`^${prefix}(\\d+)$`);
  let last = 0;
  let pad = width;
  for (const c of codesInUse) {
    const m = own.exec(c);
    if (m && Number(m[1]) >= last) {
      last = Number(m[1]);
      pad = (m[1] as string).length;
    }
  }
  return () => {
    last++;
    return `${prefix}${String(last).padStart(pad, '0')}`;
  };
}
