import { encode } from 'uqr';

export type QrRun = { x: number; y: number; w: number };

/**
 * The dark modules of a QR code as horizontal runs (one <rect> per run instead of one per module, so a
 * code of ~1,000 dark modules draws with a few hundred elements). Drawn by React as SVG, never as markup
 * text: the page's CSP allows no inline script and nothing here needs innerHTML.
 */
export function qrRuns(matrix: readonly (readonly boolean[])[]): QrRun[] {
  const runs: QrRun[] = [];
  matrix.forEach((row, y) => {
    let start = -1;
    for (let x = 0; x <= row.length; x++) {
      const dark = x < row.length && row[x];
      if (dark && start < 0) start = x;
      else if (!dark && start >= 0) {
        runs.push({ x: start, y, w: x - start });
        start = -1;
      }
    }
  });
  return runs;
}

/** The QR code of a text with the standard quiet zone of 4 modules, and medium error correction (a projected code may be partly hidden). */
export function qrCode(text: string): { size: number; runs: QrRun[] } {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  return { size, runs: qrRuns(data) };
}

/** The link a deputy's phone opens from the code: their sign-in page with the code filled in. */
export function signInUrl(origin: string, code: string): string {
  return `${origin}/my/activities?code=${encodeURIComponent(code)}`;
}

/** A six-digit code from the address bar (?code=123456, the link of the QR code at the activity), else none. */
export function codeFromParam(v: string | null): string | null {
  const c = v?.trim();
  return c && /^\d{6}$/.test(c) ? c : null;
}
