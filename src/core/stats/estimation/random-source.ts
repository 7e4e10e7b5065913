import { logFactorial } from './special-functions.js';

const BATCH = 1024;

// Ziggurat tables for the normal distribution: 128 strips (Marsaglia and Tsang 2000).
const ZIG_R = 3.442619855899;
const ZIG_K = new Float64Array(128);
const ZIG_W = new Float64Array(128);
const ZIG_F = new Float64Array(128);
{
  const m1 = 2147483648;
  const vn = 9.91256303526217e-3;
  let dn = ZIG_R;
  let tn = dn;
  const q = vn / Math.exp(-0.5 * dn * dn);
  ZIG_K[0] = (dn / q) * m1;
  ZIG_K[1] = 0;
  ZIG_W[0] = q / m1;
  ZIG_W[127] = dn / m1;
  ZIG_F[0] = 1;
  ZIG_F[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    ZIG_K[i + 1] = (dn / tn) * m1;
    tn = dn;
    ZIG_F[i] = Math.exp(-0.5 * dn * dn);
    ZIG_W[i] = dn / m1;
  }
}

/**
 * A seedable pseudo-random source (xoshiro128**, seeded through splitmix32) with the
 * draws the samplers need: uniform, normal, gamma, beta, binomial, Poisson, negative
 * binomial and multinomial. Everything runs on plain numbers so that V8 keeps it in
 * registers: the LCMCR sampler makes tens of millions of draws per run.
 */
export class RandomSource {
  // State in a typed array of int32: plain object fields holding uint32 values would
  // not fit V8's small integers and get boxed.
  private readonly s = new Int32Array(4);

  /** Same seed, same stream, on every machine. */
  constructor(seed: number) {
    let x = seed >>> 0;
    const next = (): number => {
      // splitmix32: spreads a small integer seed over the whole state.
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    const s = this.s;
    s[0] = next();
    s[1] = next();
    s[2] = next();
    s[3] = next();
    if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  }

  /** Uniforms are made in batches: a tight loop over the state beats one call per draw. */
  private readonly batch = new Float64Array(BATCH);
  private next = BATCH;

  /** Refills the batch of uniforms with xoshiro128** outputs. */
  private refill(): void {
    const s = this.s;
    let s0 = s[0] ?? 0;
    let s1 = s[1] ?? 0;
    let s2 = s[2] ?? 0;
    let s3 = s[3] ?? 0;
    const out = this.batch;
    for (let i = 0; i < BATCH; i++) {
      const m = Math.imul(s1, 5);
      const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      // (0, 1), never exactly 0, so logs are safe.
      out[i] = (r + 0.5) * 2.3283064365386963e-10;
    }
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
    this.next = 0;
  }

  /** Uniform on the open interval (0, 1). */
  uniform(): number {
    if (this.next === BATCH) this.refill();
    return this.batch[this.next++] as number;
  }

  /** Standard normal: Marsaglia and Tsang's (2000) ziggurat, one uniform per draw most of the time. */
  normal(): number {
    for (;;) {
      // A signed 32-bit integer from the next uniform: its low bits pick the strip.
      const hz = Math.floor(this.uniform() * 4294967296) - 2147483648;
      const iz = hz & 127;
      const x = hz * (ZIG_W[iz] as number);
      if (Math.abs(hz) < (ZIG_K[iz] as number)) return x;
      if (iz === 0) {
        // The tail beyond r, by Marsaglia's exponential method.
        let t: number;
        let y: number;
        do {
          t = -Math.log(this.uniform()) / ZIG_R;
          y = -Math.log(this.uniform());
        } while (y + y < t * t);
        return hz > 0 ? ZIG_R + t : -ZIG_R - t;
      }
      const f0 = ZIG_F[iz] as number;
      if (f0 + this.uniform() * ((ZIG_F[iz - 1] as number) - f0) < Math.exp(-0.5 * x * x)) return x;
    }
  }

  /** Gamma(shape, scale 1), Marsaglia–Tsang; shape below 1 through the boost U^(1/shape). */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * Math.exp(Math.log(this.uniform()) / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /**
   * log of a Gamma(shape, 1) draw. For tiny shapes the draw itself underflows to 0
   * (stick-breaking with a small concentration does this), its log does not.
   */
  logGamma(shape: number): number {
    if (shape < 1) return Math.log(this.gamma(shape + 1)) + Math.log(this.uniform()) / shape;
    return Math.log(this.gamma(shape));
  }

  /** Beta(a, b) as a ratio of gammas. */
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    const y = this.gamma(b);
    return x / (x + y);
  }

  /** Binomial(n, p): inversion for small means, Hörmann's BTRS otherwise. */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomialLow(n, 1 - p);
    return this.binomialLow(n, p);
  }

  /** Binomial for p ≤ 1/2. */
  private binomialLow(n: number, p: number): number {
    if (n * p < 10) {
      // Inversion: walk the cumulative distribution from 0.
      const q = 1 - p;
      const s = p / q;
      const a = (n + 1) * s;
      let r = Math.exp(n * Math.log(q));
      let u = this.uniform();
      let x = 0;
      while (u > r) {
        u -= r;
        x++;
        if (x > n) return n;
        r *= a / x - s;
        if (r <= 0) break;
      }
      return x;
    }
    // BTRS: transformed rejection with squeeze (Hörmann 1993).
    const q = 1 - p;
    const spq = Math.sqrt(n * p * q);
    const b = 1.15 + 2.53 * spq;
    const a = -0.0873 + 0.0248 * b + 0.01 * p;
    const c = n * p + 0.5;
    const vr = 0.92 - 4.2 / b;
    const alpha = (2.83 + 5.1 / b) * spq;
    // The squeeze accepts most draws; the exact test's constants are computed on demand.
    let lpq = NaN;
    let m = 0;
    let h = 0;
    for (;;) {
      const u = this.uniform() - 0.5;
      let v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + c);
      if (k < 0 || k > n) continue;
      if (us >= 0.07 && v <= vr) return k;
      if (lpq !== lpq) {
        lpq = Math.log(p / q);
        m = Math.floor((n + 1) * p);
        h = logFactorial(m) + logFactorial(n - m);
      }
      v = Math.log((v * alpha) / (a / (us * us) + b));
      if (v <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
    }
  }

  /** Poisson(mean): inversion for small means, Hörmann's PTRS otherwise. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean < 10) {
      const limit = Math.exp(-mean);
      let k = 0;
      let prod = this.uniform();
      while (prod > limit) {
        k++;
        prod *= this.uniform();
      }
      return k;
    }
    const slam = Math.sqrt(mean);
    const loglam = Math.log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (
        Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <=
        -mean + k * loglam - logFactorial(k)
      )
        return k;
    }
  }

  /**
   * Negative binomial: failures before `size` successes with success probability
   * `p`, drawn as a gamma–Poisson mixture.
   */
  negativeBinomial(size: number, p: number): number {
    if (p >= 1) return 0;
    return this.poisson(this.gamma(size) * ((1 - p) / p));
  }

  /**
   * Multinomial(n, weights[0..k)) into `out[offset..offset+k)`; weights need not sum
   * to one. Classes are visited in `order` (heaviest first is fastest) by
   * conditional binomials; once few people are left for the remaining classes they
   * are placed one by one, which is cheaper than a binomial per class.
   */
  multinomial(
    n: number,
    weights: Float64Array,
    k: number,
    total: number,
    out: Int32Array,
    offset: number,
    order: Int32Array,
  ): void {
    let left = n;
    let mass = total;
    for (let i = 0; i < k; i++) out[offset + i] = 0;
    for (let i = 0; i < k && left > 0; i++) {
      const c = order[i] as number;
      const w = weights[c] as number;
      if (i === k - 1 || w >= mass) {
        out[offset + c] = left;
        return;
      }
      if (left <= 2 * (k - i)) {
        // A handful of people left: one categorical draw each among classes i..k-1.
        for (let r = 0; r < left; r++) {
          let u = this.uniform() * mass;
          let j = i;
          for (; j < k - 1; j++) {
            u -= weights[order[j] as number] as number;
            if (u < 0) break;
          }
          const cj = order[j] as number;
          out[offset + cj] = (out[offset + cj] as number) + 1;
        }
        return;
      }
      const x = mass > 0 ? this.binomial(left, w / mass) : 0;
      out[offset + c] = x;
      left -= x;
      mass -= w;
    }
  }

  /** One index drawn with probability proportional to weights[0..k). */
  categorical(weights: Float64Array, k: number, total: number): number {
    let u = this.uniform() * total;
    for (let i = 0; i < k - 1; i++) {
      u -= weights[i] ?? 0;
      if (u < 0) return i;
    }
    return k - 1;
  }
}
