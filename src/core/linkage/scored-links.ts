/** A scored candidate link between two records. */
export interface ScoredLink {
  readonly a: number;
  readonly b: number;
  /** Match weight (log2 odds). */
  readonly weight: number;
}

/**
 * Scored links in columns: a million links as three typed arrays rather than a
 * million objects.
 */
export class ScoredLinks {
  a = new Uint32Array(1024);
  b = new Uint32Array(1024);
  weight = new Float64Array(1024);
  length = 0;

  /** Links from objects (tests, small inputs). */
  static of(links: readonly ScoredLink[]): ScoredLinks {
    const out = new ScoredLinks();
    for (const l of links) out.push(l.a, l.b, l.weight);
    return out;
  }

  push(a: number, b: number, weight: number): void {
    if (this.length === this.a.length) {
      const size = this.a.length * 2;
      const na = new Uint32Array(size);
      na.set(this.a);
      this.a = na;
      const nb = new Uint32Array(size);
      nb.set(this.b);
      this.b = nb;
      const nw = new Float64Array(size);
      nw.set(this.weight);
      this.weight = nw;
    }
    this.a[this.length] = a;
    this.b[this.length] = b;
    this.weight[this.length++] = weight;
  }
}
