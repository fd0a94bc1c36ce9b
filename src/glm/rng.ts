/**
 * A seeded pseudo-random generator, identical in Node and the browser.
 *
 * Algorithm: xoshiro128** (Blackman & Vigna, 2018) on four 32-bit words, its state filled from the
 * 32-bit seed by splitmix32 (the 32-bit variant of SplitMix). Every operation is 32-bit integer
 * arithmetic (`Math.imul`, `>>>`), so a seed gives the same stream in every JavaScript engine.
 *
 * - `next()` is a float in [0, 1) with 53 random bits (two draws), like Python's `random()`.
 * - `int(n)` is uniform over 0..n-1 by rejection (no modulo bias), like Python's `randrange(n)`.
 * - `shuffle(a)` is Fisher–Yates from the end, like Python's `random.shuffle`.
 *
 * The reference (THUDM/GLM) uses Python's Mersenne Twister: streams differ, so compare
 * distributions with it, never seeds.
 */

export interface Rng {
  /** A uniform unsigned 32-bit integer. */
  u32(): number;
  /** A float in [0, 1) with 53 random bits. */
  next(): number;
  /** A uniform integer in [0, n) for 1 <= n <= 2^32. */
  int(n: number): number;
  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /** The four state words, to checkpoint and resume a stream. */
  state(): [number, number, number, number];
}

/** Normalises any number to a 32-bit unsigned seed (NaN and infinities become 0). */
export function toSeed(seed: number): number {
  if (!Number.isFinite(seed)) return 0;
  return Math.trunc(seed) >>> 0;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/** Creates a generator from a 32-bit seed, or resumes one from a saved `state()`. */
export function createRng(seed: number | readonly [number, number, number, number]): Rng {
  let s0: number, s1: number, s2: number, s3: number;
  if (typeof seed === 'number') {
    const sm = splitmix32(toSeed(seed));
    s0 = sm();
    s1 = sm();
    s2 = sm();
    s3 = sm();
  } else {
    [s0, s1, s2, s3] = seed.map((w) => w >>> 0) as [number, number, number, number];
  }
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is a fixed point

  const u32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 = (s2 ^ s0) >>> 0;
    s3 = (s3 ^ s1) >>> 0;
    s1 = (s1 ^ s2) >>> 0;
    s0 = (s0 ^ s3) >>> 0;
    s2 = (s2 ^ t) >>> 0;
    s3 = rotl(s3, 11);
    return result;
  };

  const next = (): number => {
    const a = u32() >>> 5; // 27 bits
    const b = u32() >>> 6; // 26 bits
    return (a * 67108864 + b) / 9007199254740992;
  };

  const int = (n: number): number => {
    if (!Number.isInteger(n) || n < 1 || n > 4294967296) {
      throw new RangeError(`int(n) needs an integer 1 <= n <= 2^32, got ${n}`);
    }
    if (n === 1) return 0;
    // Rejection sampling: accept draws below the largest multiple of n.
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const x = u32();
      if (x < limit) return x % n;
    }
  };

  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = int(i + 1);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  };

  return { u32, next, int, shuffle, state: () => [s0, s1, s2, s3] };
}
