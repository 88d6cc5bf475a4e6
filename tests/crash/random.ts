/**
 * A small seeded PRNG (mulberry32) and text made from it, so that a crash run (or a fuzz run,
 * tests/unit/service/fuzz-values.ts) can be repeated from the seed it printed.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, below). */
  int(below: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
}

export function makeRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number): number => Math.floor(next() * below);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick: nothing to pick from');
      return items[int(items.length)]!;
    },
    chance: (p) => next() < p,
  };
}

// Words in several scripts, so offsets are code points that are not UTF-16 units or bytes.
const WORDS = [
  'minister',
  'said',
  'talks',
  'failed',
  'Баку',
  'переговоры',
  'провалились',
  '外交部',
  '声明',
  '😀',
  '🇦🇿',
  'Ceyhun',
  'Mammadov',
  'claimed',
  'sources',
  'reported',
];

/** An article of about `bytes` UTF-8 bytes, unique (it starts with a random nonce). */
export function articleText(random: Random, bytes: number): string {
  const parts: string[] = [`Report ${random.int(1e9)}-${random.int(1e9)}.\n\n`];
  let size = Buffer.byteLength(parts[0]!);
  while (size < bytes) {
    const sentence =
      Array.from({ length: 6 + random.int(12) }, () => random.pick(WORDS)).join(' ') +
      (random.int(5) === 0 ? '.\n\n' : '. ');
    parts.push(sentence);
    size += Buffer.byteLength(sentence);
  }
  return parts.join('');
}
