/*
 * A small stroke font for the portal's captcha: each character is a few polylines on a 10 × 14 grid
 * (x right, y down). Drawing strokes as paths, rather than putting the characters in SVG <text>,
 * keeps the answer out of the image's source: a <text> element would hand it to any script.
 * Only the characters of CAPTCHA_ALPHABET are here (no 0/O/Q, 1/I/L, 2/Z, 5/S, 8/B, 6/G look-alikes).
 */

export type Point = readonly [number, number];
export type Stroke = readonly Point[];

/** Points along an ellipse from one angle to another (degrees, counter-clockwise, 0 = right, 90 = up). */
function arc(cx: number, cy: number, rx: number, ry: number, from: number, to: number, steps = 10): Point[] {
  const out: Point[] = [];
  for (let i = 0; i <= steps; i++) {
    const a = ((from + ((to - from) * i) / steps) * Math.PI) / 180;
    out.push([cx + rx * Math.cos(a), cy - ry * Math.sin(a)]);
  }
  return out;
}

export const GLYPHS: Record<string, readonly Stroke[]> = {
  A: [
    [
      [0, 14],
      [5, 0],
      [10, 14],
    ],
    [
      [2, 9],
      [8, 9],
    ],
  ],
  C: [arc(6, 7, 5.5, 7, 45, 315, 14)],
  D: [
    [
      [0, 0],
      [0, 14],
    ],
    [[0, 0], [3, 0], ...arc(3, 7, 7, 7, 90, -90, 12), [0, 14]],
  ],
  E: [
    [
      [10, 0],
      [0, 0],
      [0, 14],
      [10, 14],
    ],
    [
      [0, 7],
      [7, 7],
    ],
  ],
  F: [
    [
      [10, 0],
      [0, 0],
      [0, 14],
    ],
    [
      [0, 7],
      [7, 7],
    ],
  ],
  H: [
    [
      [0, 0],
      [0, 14],
    ],
    [
      [10, 0],
      [10, 14],
    ],
    [
      [0, 7],
      [10, 7],
    ],
  ],
  J: [
    [
      [3, 0],
      [10, 0],
    ],
    [[8, 0], [8, 10], ...arc(4.5, 10, 3.5, 4, 0, -180, 8)],
  ],
  K: [
    [
      [0, 0],
      [0, 14],
    ],
    [
      [10, 0],
      [0, 8],
    ],
    [
      [3, 5.5],
      [10, 14],
    ],
  ],
  M: [
    [
      [0, 14],
      [0, 0],
      [5, 8],
      [10, 0],
      [10, 14],
    ],
  ],
  N: [
    [
      [0, 14],
      [0, 0],
      [10, 14],
      [10, 0],
    ],
  ],
  P: [[[0, 14], [0, 0], [5, 0], ...arc(5, 3.75, 4.5, 3.75, 90, -90, 8), [0, 7.5]]],
  R: [
    [[0, 14], [0, 0], [5, 0], ...arc(5, 3.75, 4.5, 3.75, 90, -90, 8), [0, 7.5]],
    [
      [4, 7.5],
      [10, 14],
    ],
  ],
  T: [
    [
      [0, 0],
      [10, 0],
    ],
    [
      [5, 0],
      [5, 14],
    ],
  ],
  U: [[[0, 0], [0, 9], ...arc(5, 9, 5, 5, 180, 360, 10), [10, 0]]],
  V: [
    [
      [0, 0],
      [5, 14],
      [10, 0],
    ],
  ],
  W: [
    [
      [0, 0],
      [2.5, 14],
      [5, 5],
      [7.5, 14],
      [10, 0],
    ],
  ],
  X: [
    [
      [0, 0],
      [10, 14],
    ],
    [
      [10, 0],
      [0, 14],
    ],
  ],
  Y: [
    [
      [0, 0],
      [5, 7],
      [10, 0],
    ],
    [
      [5, 7],
      [5, 14],
    ],
  ],
  '3': [arc(5, 3.5, 4.5, 3.5, 150, -90, 10), arc(5, 10.5, 4.5, 3.5, 90, -150, 10)],
  '4': [
    [
      [7, 14],
      [7, 0],
      [0, 10],
      [10, 10],
    ],
  ],
  '6': [
    [
      [8.5, 0],
      [3.5, 3.5],
      [1.5, 9],
    ],
    arc(5, 10, 3.5, 4, 180, -180, 16),
  ],
  '7': [
    [
      [0, 0],
      [10, 0],
      [4, 14],
    ],
  ],
  '9': [
    arc(5, 4, 3.5, 4, 0, 360, 16),
    [
      [8.5, 4],
      [7, 10],
      [3, 14],
    ],
  ],
};
