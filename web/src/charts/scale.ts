/**
 * Scales and layout helpers shared by the charts. Charts lay themselves out left to right and
 * mirror every horizontal position in right-to-left pages, so bars grow from the start side and
 * time runs in the reading direction (see docs/METHODOLOGY.md, "The dashboard").
 */

/** Round axis ticks from 0 to at least `max`: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) {
    ticks.push(v);
    if (v >= max) break;
  }
  return ticks;
}

/** Mirrors horizontal positions for right-to-left pages within a drawing `width` wide. */
export function mirror(rtl: boolean, width: number) {
  return {
    /** A point's x. */
    x: (x: number) => (rtl ? width - x : x),
    /** The left edge of a span drawn from `x` over `w` (left to right before mirroring). */
    left: (x: number, w: number) => (rtl ? width - x - w : x),
  };
}

/**
 * Room for labels of 13px text: about 7px a character (Latin and Arabic alike in the system
 * fonts), between `min` and `max` pixels. Labels longer than the room are shortened.
 */
export function labelRoom(labels: readonly string[], min: number, max: number): number {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return Math.min(max, Math.max(min, longest * charWidth + 14));
}

/** The characters that fit in `room` pixels of label. */
export function charsIn(room: number): number {
  return Math.floor((room - 14) / charWidth);
}

const charWidth = 7;

/** A label shortened to `max` characters, with an ellipsis (the full text goes in a title). */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The months from `first` to `last` (YYYY-MM), every one, in order. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  // Bounded: the API's months are four-digit years, so at most a few thousand entries.
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}
