/**
 * Generates the benchmark's article and annotations: deterministic (a seeded PRNG), about 1 MB of
 * UTF-8, one paragraph per line like the sample article, with Cyrillic paragraphs and the odd
 * emoji so that the code-point ⇄ UTF-16 conversions are exercised as in real material.
 */

/** Mulberry32: a tiny seeded PRNG, so every run measures the same document. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LATIN = (
  'the ministry said volunteers battalion conflict report officials according sources ' +
  'government statement analysts claimed region border forces support evidence witnesses ' +
  'agency published interview province mayor commander reportedly alleged confirmed denied'
).split(' ');
const CYRILLIC = (
  'министерство заявило добровольцы батальон конфликт источники правительство граница ' +
  'свидетели агентство интервью командир подтвердил опроверг сообщил область'
).split(' ');
const EMOJI = ['🇺🇦', '📌', '🔥', '👍', '🛰️'];

/**
 * @param {{ targetBytes?: number, annotations?: number, overlapShare?: number, seed?: number }} options
 * @returns {{ text: string, spans: { start: number, end: number, tag: number }[], overlapping: number }}
 *   spans in code points; tag is 0, 1 or 2 (Claim, Entity, Opinion). The last `overlapping` of
 *   them each lie over one of the others (nested in it or straddling its end); the rest never
 *   touch one another.
 */
export function generateArticle({
  targetBytes = 1_000_000,
  annotations = 5000,
  overlapShare = 0.2,
  seed = 42,
} = {}) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const lines = [];
  let bytes = 0;
  while (bytes < targetBytes) {
    const words = random() < 0.15 ? CYRILLIC : LATIN;
    const count = 60 + Math.floor(random() * 80);
    const parts = [];
    for (let i = 0; i < count; i++) parts.push(pick(words));
    if (random() < 0.3) parts.splice(Math.floor(random() * parts.length), 0, pick(EMOJI));
    const line = parts.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
    lines.push(line);
    bytes += Buffer.byteLength(line, 'utf8') + 1;
  }
  const text = lines.join('\n');
  const codePoints = Array.from(text);

  // Word boundaries in code points, so spans start and end on whole words like real tagging.
  const wordStarts = [];
  const wordEnds = [];
  for (let i = 0; i < codePoints.length; i++) {
    const isWord = /\S/u.test(codePoints[i]);
    const prevWord = i > 0 && /\S/u.test(codePoints[i - 1]);
    if (isWord && !prevWord) wordStarts.push(i);
    if (!isWord && prevWord) wordEnds.push(i);
  }
  if (/\S/u.test(codePoints[codePoints.length - 1])) wordEnds.push(codePoints.length);

  const plain = Math.round(annotations * (1 - overlapShare));
  const spans = [];
  // Plain spans: spread evenly, 2–8 words each, never touching one another.
  const stride = Math.floor(wordStarts.length / plain);
  for (let i = 0; i < plain; i++) {
    const first = i * stride;
    const last = Math.min(first + 1 + Math.floor(random() * 7), first + stride - 2);
    spans.push({ start: wordStarts[first], end: wordEnds[last], tag: i % 3 });
  }
  // Overlapping spans: each nests inside or straddles the end of a plain span. A candidate that
  // repeats an existing span exactly is drawn again: a duplicate overlaps nothing new.
  const wordIndex = new Map(wordStarts.map((start, index) => [start, index]));
  const taken = new Set(spans.map((s) => `${s.start}:${s.end}`));
  while (spans.length < annotations) {
    const host = spans[Math.floor(random() * plain)];
    const hostWord = wordIndex.get(host.start);
    const nested = random() < 0.5;
    const start = nested ? host.start : wordStarts[hostWord + 1];
    const end = nested
      ? wordEnds[hostWord]
      : wordEnds[Math.min(hostWord + stride - 1, wordEnds.length - 1)];
    if (taken.has(`${start}:${end}`)) continue;
    taken.add(`${start}:${end}`);
    spans.push({ start, end, tag: (host.tag + 1 + (spans.length % 2)) % 3 });
  }
  return { text, spans, overlapping: annotations - plain };
}
