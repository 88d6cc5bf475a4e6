/**
 * Matching the names of people, places and organisations across spellings. Analysts meet the same
 * entity as "Kiev" and "Kyiv", "Lugansk" and "Luhansk", "Ceyhun" (Azerbaijani spelling), "Jeyhun"
 * (English) and "Джейхун" (Russian). Three levels, from strict to loose:
 *
 * 1. The **key** (`nameKey`): any script transliterated to Latin (any-ascii), accents and case
 *    folded, punctuation turned into single spaces, apostrophes dropped. "Київ" and "Kiiv" share it.
 *    It is what `entity_aliases.normalized` stores, so an exact match is an index lookup.
 * 2. The **skeleton** (`nameSkeleton`): the key reduced to how it sounds across transliteration
 *    systems — every vowel run becomes "a", letters that systems swap for one sound share one
 *    letter (c/ch/j/zh/dzh/ts; g/h/kh; k/q; v/w; s/sh), doubled letters collapse. "Mammadov",
 *    "Məmmədov" and "Мамедов" share "mamadav".
 * 3. **Similar** skeletons: a small weighted edit distance, where swapping two near sounds (g/k,
 *    s/z, t/d, b/p, f/v, x/k/g) costs half, and the allowance grows with the length of the name.
 *
 * Nothing here links anything: these rank suggestions, which the analyst confirms.
 */
import anyAscii from 'any-ascii';

/** How a name matched, strongest first. */
export type NameMatchKind = 'exact' | 'skeleton' | 'similar' | 'partial';

export interface NameMatch {
  kind: NameMatchKind;
  /** Higher is better: 4 exact, 3 skeleton, 2 minus the edit cost for similar, 1 partial. */
  score: number;
}

/** Apostrophe-like marks inside words ("O’Brien", "Saʿid", the soft sign "Lugans'k"): dropped. */
const APOSTROPHES = /['’‘ʼʻʿʾ`´ʹʺ]/gu;

/** Everything that separates words in a name. */
const SEPARATORS = /[^\p{L}\p{N}\p{M}]+/gu;

/**
 * The folded form of a name (level 1): "Erdoğan" = "ERDOGAN", "Şəki" = "Seki", "al-Qaddafi" =
 * "Al Qaddafi". Cyrillic is transliterated the Russian way ("Київ" → "kiiv"), so it is the
 * skeleton, not the key, that joins "Київ" to "Kyiv".
 */
export function nameKey(name: string): string {
  const words = name.normalize('NFC').replace(APOSTROPHES, '').replace(SEPARATORS, ' ');
  return (
    anyAscii(words)
      .toLowerCase()
      // What transliteration turned into punctuation (a soft sign into "'"): part of the word.
      .replace(/[^a-z0-9 ]+/g, '')
      .replace(/ {2,}/g, ' ')
      .trim()
  );
}

/**
 * Sounds that transliteration systems spell differently, as [pattern, replacement], applied to
 * each word left to right. Longer spellings come first in the alternation so that "shch" is not
 * read as "sh" + "ch".
 */
const DIGRAPHS: Record<string, string> = {
  shch: 's',
  tsch: 'j',
  sch: 's',
  dzh: 'j',
  tch: 'j',
  sh: 's',
  ch: 'j',
  zh: 'j',
  dj: 'j',
  ts: 'j',
  tz: 'j',
  cz: 'j',
  kh: 'h',
  gh: 'g',
  ph: 'f',
  th: 't',
  dh: 'd',
  ck: 'k',
  // English x is "ks" (Alexander / Aleksandr); Azerbaijani x is "kh" (Naxçıvan / Nakhchivan):
  // one letter of its own, near both k and g (see NEAR_SOUNDS).
  ks: 'x',
};
const DIGRAPH_PATTERN = new RegExp(
  Object.keys(DIGRAPHS)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
);

/** Single letters that stand for one sound across systems. */
const LETTER_CLASS: Record<string, string> = {
  a: 'a',
  e: 'a',
  i: 'a',
  o: 'a',
  u: 'a',
  y: 'a',
  // Azerbaijani and Turkish c is English j (Ceyhun = Jeyhun); any-ascii also turns ç into c.
  c: 'j',
  // Ukrainian г is h, Russian г is g: Luhansk / Lugansk, Horlivka / Gorlovka.
  h: 'g',
  q: 'k',
  w: 'v',
};

const skeletonCache = new Map<string, string>();
const SKELETON_CACHE_LIMIT = 20_000;

/**
 * The sound skeleton of a key (level 2), word by word, words joined by single spaces. Pass a
 * `nameKey`; any other text is keyed first.
 */
export function nameSkeleton(key: string): string {
  const cached = skeletonCache.get(key);
  if (cached !== undefined) return cached;
  const folded = /^[a-z0-9 ]*$/.test(key) ? key : nameKey(key);
  const skeleton = folded.split(' ').filter(Boolean).map(wordSkeleton).filter(Boolean).join(' ');
  if (skeletonCache.size >= SKELETON_CACHE_LIMIT) skeletonCache.clear();
  skeletonCache.set(key, skeleton);
  return skeleton;
}

function wordSkeleton(word: string): string {
  const spelled = word.replace(DIGRAPH_PATTERN, (digraph) => DIGRAPHS[digraph]!);
  let out = '';
  for (const letter of spelled) {
    const sound = LETTER_CLASS[letter] ?? letter;
    // Doubled letters collapse (Mammadov = Mamadov), and so do runs of vowels (Kyiv = Kiev).
    if (out.endsWith(sound)) continue;
    out += sound;
  }
  return out;
}

/** Pairs of sounds that transliterations swap for each other (Qaddafi / Gaddafi): half a step. */
const NEAR_SOUNDS = new Set(
  ['gk', 'sz', 'td', 'bp', 'fv', 'jz', 'xg', 'xk'].flatMap((pair) => [pair, pair[1]! + pair[0]!]),
);

/**
 * The weighted edit distance between two skeletons: insertions, deletions and substitutions cost
 * 1, a substitution of near sounds 0.5. Stops early (returning Infinity) once it exceeds `limit`.
 */
export function skeletonDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return Infinity;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const x = a[i - 1]!;
      const y = b[j - 1]!;
      const substitution = x === y ? 0 : NEAR_SOUNDS.has(x + y) ? 0.5 : 1;
      const cost = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + substitution);
      current.push(cost);
      rowMin = Math.min(rowMin, cost);
    }
    if (rowMin > limit) return Infinity;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * How much edit cost two skeletons of this (shorter) length may differ by and still be called
 * similar: short names are too easily confused to allow more than a near-sound swap.
 */
export function similarityAllowance(length: number): number {
  if (length >= 12) return 2;
  if (length >= 7) return 1;
  if (length >= 4) return 0.5;
  return 0;
}

/** A name prepared for comparison: compute once per alias, compare many times. */
export interface PreparedName {
  key: string;
  /** The skeleton without spaces ("Abdul Rahman" = "Abdulrahman"). */
  skeleton: string;
  /** The skeleton of each word long enough to identify something on its own (3+ letters). */
  words: string[];
}

export function prepareName(name: string): PreparedName {
  return prepareKey(nameKey(name));
}

const preparedCache = new Map<string, PreparedName>();

/**
 * The same from a key already computed (entity_aliases.normalized). Memoised: suggestions compare
 * one text with every name in the registry, and the registry's names rarely change.
 */
export function prepareKey(key: string): PreparedName {
  let prepared = preparedCache.get(key);
  if (!prepared) {
    const skeletonWords = nameSkeleton(key).split(' ').filter(Boolean);
    prepared = {
      key,
      skeleton: skeletonWords.join(''),
      words: skeletonWords.filter((w) => w.length >= 3),
    };
    if (preparedCache.size >= SKELETON_CACHE_LIMIT) preparedCache.clear();
    preparedCache.set(key, prepared);
  }
  return prepared;
}

/**
 * How `candidate` (an alias) matches `query` (the text the analyst tagged), or null. The partial
 * level matches when every significant word of the shorter name sounds like a word of the longer
 * one ("Mammadov" → "Jeyhun Mammadov"): a surname alone may mean several people, so it ranks last.
 */
export function matchNames(query: PreparedName, candidate: PreparedName): NameMatch | null {
  if (!query.key || !candidate.key) return null;
  if (query.key === candidate.key) return { kind: 'exact', score: 4 };
  if (query.skeleton === candidate.skeleton) return { kind: 'skeleton', score: 3 };
  const allowance = similarityAllowance(Math.min(query.skeleton.length, candidate.skeleton.length));
  if (allowance > 0) {
    const cost = skeletonDistance(query.skeleton, candidate.skeleton, allowance);
    if (cost <= allowance) return { kind: 'similar', score: 2 - cost / 4 };
  }
  const [fewer, more] =
    query.words.length <= candidate.words.length
      ? [query.words, candidate.words]
      : [candidate.words, query.words];
  if (fewer.length > 0 && fewer.length < more.length && fewer.every((w) => more.includes(w))) {
    return { kind: 'partial', score: 1 };
  }
  return null;
}

/** Whether two names are spellings of each other (any level but partial): for tests and filters. */
export function namesMatch(a: string, b: string): boolean {
  const match = matchNames(prepareName(a), prepareName(b));
  return match !== null && match.kind !== 'partial';
}
