import { describe, expect, it } from 'vitest';
import { conllFormat } from '../../../formats/exchange/conll';
import { tokenise } from '../../../formats/exchange/conll-tokens';
import { CodePointIndex } from '../../../core/offsets';
import {
  fixtureSource,
  memorySink,
  pySlice as pySliceOf,
  TAG,
  UNICODE_TEXT,
} from './span-formats-fixture';

interface Doc {
  tokens: { text: string; label: string }[];
  sentences: number;
}

/** Reads CoNLL-2003 as its usual readers do: documents at -DOCSTART-, sentences at blank lines. */
function readConll(text: string): { header: string; docs: Doc[] } {
  const [header, ...lines] = text.split('\n');
  const docs: Doc[] = [];
  let inSentence = false;
  for (const line of lines) {
    if (line === '') {
      if (inSentence) docs.at(-1)!.sentences += 1;
      inSentence = false;
      continue;
    }
    const columns = line.split(' ');
    expect(columns, line).toHaveLength(4);
    if (columns[0] === '-DOCSTART-') {
      expect(line).toBe('-DOCSTART- -X- -X- O');
      docs.push({ tokens: [], sentences: 0 });
      continue;
    }
    expect(columns.slice(1, 3)).toEqual(['-X-', '_']);
    docs.at(-1)!.tokens.push({ text: columns[0]!, label: columns[3]! });
    inSentence = true;
  }
  return { header: header!, docs };
}

/** Entity chunks per IOB2, checking the scheme: I- only after B- or I- of the same label. */
function chunks(tokens: Doc['tokens']): string[] {
  const out: string[] = [];
  let previous = 'O';
  for (const { text, label } of tokens) {
    if (label.startsWith('I-')) {
      expect(previous === 'O' ? 'O' : previous.slice(2), `I- after ${previous}`).toBe(
        label.slice(2),
      );
      out[out.length - 1] += ` ${text}`;
    } else if (label.startsWith('B-')) out.push(`${label.slice(2)}: ${text}`);
    else expect(label).toBe('O');
    previous = label;
  }
  return out;
}

async function exportConll(tagIds?: string[]) {
  const sink = memorySink();
  const report = await conllFormat.write!(fixtureSource(), sink, tagIds ? { tagIds } : {});
  return { report, ...readConll(sink.text()) };
}

describe('CoNLL-2003 / IOB2 export', () => {
  it('states the tokeniser, tags and overlap rule in a header comment', async () => {
    const { header } = await exportConll();
    expect(header).toMatch(/^# Gloss CoNLL-2003 IOB2 export/);
    expect(header).toMatch(/Tokeniser: Unicode words \(UAX #29 via Intl\.Segmenter/);
    expect(header).toMatch(/Tags: Entity, Person, Organisation, Location, Event, Media_outlet\./);
    expect(header).toMatch(/the one starting first is kept/);
  });

  it('writes the entity tags by default, one token a line, every character kept', async () => {
    const { docs, report } = await exportConll();
    expect(docs).toHaveLength(2);
    const unicode = docs[1]!;
    expect(unicode.tokens.map((t) => t.text).join('')).toBe(UNICODE_TEXT.replace(/\s+/g, ''));
    expect(chunks(unicode.tokens)).toEqual([
      'Person: 👨‍👩‍👧 Зеленський',
      'Location: Київ',
      // ICU's dictionary splits the Japanese name into two words.
      'Organisation: 𠮷 野家',
      'Media_outlet: AZTV',
    ]);
    expect(unicode.tokens.map((t) => t.text)).toContain('🇺🇦');
    // UAX #29 keeps “Baku’s” one word: the span “Baku” is widened to it, and that is reported.
    expect(chunks(docs[0]!.tokens)).toEqual(
      expect.arrayContaining(['Person: Ceyhun Mammadov', 'Media_outlet: AZTV', 'Location: Baku’s']),
    );
    expect(report.omitted).toContainEqual(
      expect.objectContaining({
        what: 'annotation boundary',
        reason: expect.stringMatching(/^“Baku”/),
      }),
    );
    expect(unicode.sentences).toBeGreaterThanOrEqual(3);
    expect(report.annotationCount).toBe(7);
    const whats = report.omitted.map((o) => o.what);
    expect(whats).toContainEqual(expect.stringMatching(/^annotations of tags not chosen \(6\)$/));
    expect(whats).toContainEqual(expect.stringMatching(/^entity links \(\d+\)$/));
  });

  it('keeps the first of overlapping spans and reports each one left out', async () => {
    const { docs, report } = await exportConll([TAG.entity, TAG.claim]);
    const unicodeChunks = chunks(docs[1]!.tokens);
    // The claim «Київ 🇺🇦 вистоїть».\nЦе 事实 starts before Київ: it is kept, across the line break.
    expect(unicodeChunks).toContain('Claim: « Київ 🇺🇦 вистоїть » . Це 事实');
    expect(unicodeChunks).not.toContain('Location: Київ');
    const left = report.omitted.filter((o) => o.what === 'annotation');
    expect(left.map((o) => o.reason)).toContainEqual(
      expect.stringMatching(
        /^Location “Київ” overlaps Claim “«Київ 🇺🇦 вистоїть»\.\nЦе 事实”, which is kept/,
      ),
    );
    // The claim starting at AZTV and the AZTV span start together: the longer (the claim) is kept.
    expect(left.map((o) => o.reason)).toContainEqual(
      expect.stringMatching(/^Media outlet “AZTV” overlaps Claim “AZTV <b>/),
    );
    // The sample's overlapping claims: the one starting earlier wins; the statistic nested in the
    // claim left out no longer overlaps anything kept, so it is written.
    expect(left.map((o) => o.reason)).toContainEqual(
      expect.stringMatching(/^Claim “there are about 500 ethnic .*” overlaps Claim “in 2023 about/),
    );
    expect(chunks(docs[0]!.tokens)).toContain('Statistic: about 500 ethnic Azerbaijanis');
    // 13 spans, less the opinion (a tag not chosen).
    expect(report.annotationCount + left.length).toBe(12);
  });

  it('reports a span whose ends fall inside a token and writes it as whole tokens', async () => {
    const source = fixtureSource();
    const docs = [...source.documents()];
    const sample = docs[0]!;
    const ceyhun = sample.annotations[0]!;
    // "eyhun Mammado": starts and ends inside words.
    sample.annotations = [{ ...ceyhun, start: ceyhun.start + 1, end: ceyhun.end - 1 }];
    const sink = memorySink();
    const report = await conllFormat.write!({ ...source, documents: () => [sample] }, sink, {});
    const { docs: read } = readConll(sink.text());
    expect(chunks(read[0]!.tokens)).toEqual(['Person: Ceyhun Mammadov']);
    expect(report.omitted).toContainEqual(
      expect.objectContaining({
        what: 'annotation boundary',
        reason: expect.stringMatching(/inside a token/),
      }),
    );
  });
});

describe('the CoNLL tokeniser', () => {
  it('keeps emoji sequences and flags whole and splits punctuation', () => {
    const text = 'Він сказав: «Так!» 👨‍👩‍👧🇺🇦 — 北京大学.';
    const tokens = tokenise(new CodePointIndex(text), 'uk').map((t) => t.text);
    expect(tokens).toEqual(
      expect.arrayContaining(['Він', 'сказав', ':', '«', 'Так', '!', '»', '👨‍👩‍👧', '🇺🇦', '—', '.']),
    );
    expect(tokens.join('')).toBe(text.replace(/\s+/g, ''));
  });

  it('tokenises a long single line in pieces without losing or splitting anything', () => {
    const line = Array.from({ length: 3000 }, (_, i) => `слово${i} 😀 word${i}.`).join(' ');
    const tokens = tokenise(new CodePointIndex(line));
    expect(tokens.map((t) => t.text).join('')).toBe(line.replace(/\s+/g, ''));
    expect(tokens.filter((t) => t.text === '😀')).toHaveLength(3000);
    for (const t of tokens.slice(0, 50)) expect(pySliceOf(line, t.start, t.end)).toBe(t.text);
  });

  it('gives code-point offsets', () => {
    const text = '😀 Київ';
    const [, kyiv] = tokenise(new CodePointIndex(text));
    expect([kyiv!.start, kyiv!.end]).toEqual([2, 6]);
  });
});
