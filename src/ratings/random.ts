/**
 * @module
 * Seeded random numbers for the bootstrap: a small fast generator (sfc32), binomial variates (inversion for
 * small means, Hörmann's BTRD otherwise) and multinomial draws by conditional binomials, so a run with the
 * same seed gives the same intervals.
 */

/** A seeded uniform generator on [0, 1). */
export type Uniform = () => number;

/** sfc32's state: fields of an object, not captured variables (those are boxed on each update: 5× slower). */
class Sfc32 {
  constructor(
    private a: number,
    private b: number,
    private c: number,
    private d: number,
  ) {}

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
}

/** sfc32 seeded through splitmix32, so nearby seeds give unrelated streams. */
export function seededUniform(seed: number): Uniform {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const g = new Sfc32(split(), split(), split(), split());
  for (let i = 0; i < 12; i++) g.next();
  return () => g.next();
}

// log(k!) − Stirling's approximation, exact for small k and by its series beyond.
const FC_TABLE = [
  0.08106146679532726, 0.04134069595540929, 0.02767792568499834, 0.02079067210376509, 0.01664469118982119,
  0.01387612882307075, 0.01189670994589177, 0.01041126526197209, 0.009255462182712733, 0.008330563433362871,
];
function stirlingCorrection(k: number): number {
  if (k < 10) return FC_TABLE[k] as number;
  const r = 1 / (k + 1);
  const r2 = r * r;
  return (1 / 12 - (1 / 360 - r2 / 1260) * r2) * r;
}

function binomialInversion(n: number, p: number, u: Uniform): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  // exp(n·log1p(−p)) rather than q ** n: the same value, in about half the time.
  let r = Math.exp(n * Math.log1p(-p));
  let v = u();
  let x = 0;
  while (v > r) {
    v -= r;
    x++;
    if (x > n) return n;
    r *= a / x - s;
  }
  return x;
}

/** BTRD (Hörmann 1993, "The generation of binomial random variates"), for n·p ≥ 10 and p ≤ 0.5. */
function binomialBtrd(n: number, p: number, u: Uniform): number {
  const m = Math.floor((n + 1) * p);
  const r = p / (1 - p);
  const nr = (n + 1) * r;
  const npq = n * p * (1 - p);
  const sq = Math.sqrt(npq);
  const b = 1.15 + 2.53 * sq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const alpha = (2.83 + 5.1 / b) * sq;
  const vr = 0.92 - 4.2 / b;
  const urvr = 0.86 * vr;
  for (;;) {
    let v = u();
    let uu: number;
    if (v <= urvr) {
      uu = v / vr - 0.43;
      return Math.floor(((2 * a) / (0.5 - Math.abs(uu)) + b) * uu + c);
    }
    if (v >= vr) {
      uu = u() - 0.5;
    } else {
      uu = v / vr - 0.93;
      uu = Math.sign(uu) * 0.5 - uu;
      v = u() * vr;
    }
    const us = 0.5 - Math.abs(uu);
    const k = Math.floor(((2 * a) / us + b) * uu + c);
    if (k < 0 || k > n) continue;
    v = (v * alpha) / (a / (us * us) + b);
    const km = Math.abs(k - m);
    if (km <= 15) {
      let f = 1;
      if (m < k) {
        for (let i = m + 1; i <= k; i++) f *= nr / i - r;
      } else if (m > k) {
        for (let i = k + 1; i <= m; i++) v *= nr / i - r;
      }
      if (v <= f) return k;
      continue;
    }
    v = Math.log(v);
    const rho = (km / npq) * (((km / 3 + 0.625) * km + 1 / 6) / npq + 0.5);
    const t = (-km * km) / (2 * npq);
    if (v < t - rho) return k;
    if (v > t + rho) continue;
    const nm = n - m + 1;
    const h = (m + 0.5) * Math.log((m + 1) / (r * nm)) + stirlingCorrection(m) + stirlingCorrection(n - m);
    const nk = n - k + 1;
    if (
      v <=
      h +
        (n + 1) * Math.log(nm / nk) +
        (k + 0.5) * Math.log((nk * r) / (k + 1)) -
        stirlingCorrection(k) -
        stirlingCorrection(n - k)
    )
      return k;
  }
}

/** A Binomial(n, p) variate. */
export function binomial(n: number, p: number, u: Uniform): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p, u);
  return n * p < 10 ? binomialInversion(n, p, u) : binomialBtrd(n, p, u);
}

/**
 * Multinomial(total, weights / Σweights) by conditional binomials: cell k gets
 * Binomial(remaining, w_k / remaining weight). Writes the counts into `out`.
 */
export function multinomial(total: number, weights: Float64Array, out: Float64Array, u: Uniform): void {
  let remaining = total;
  let mass = 0;
  for (let k = 0; k < weights.length; k++) mass += weights[k] as number;
  for (let k = 0; k < weights.length; k++) {
    const w = weights[k] as number;
    if (remaining <= 0 || mass <= 0) {
      out[k] = 0;
      continue;
    }
    const x = k === weights.length - 1 ? remaining : binomial(remaining, Math.min(1, w / mass), u);
    out[k] = x;
    remaining -= x;
    mass -= w;
  }
}
