/**
 * Decoding the bytes of a text file whose encoding nobody declared. Analysts still receive
 * Russian, Ukrainian and Azerbaijani sources in Windows-1251, KOI8-R or DOS 866, so a file that is
 * not UTF-8 is not refused: its encoding is detected, and the user can override the guess
 * ("Re-import as…"). The order of evidence is: a byte-order mark, then UTF-16 without a mark
 * (recognised by its byte pattern), then strict UTF-8, then the single-byte legacy encodings,
 * each decoded and scored on how much the result looks like real text.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { GlossError } from '../core/errors';

/** A decoded text file: the text (BOM removed, newlines untouched) and its encoding's name. */
export interface DecodedText {
  text: string;
  /** Lower-case encoding name, e.g. "utf-8", "utf-16le", "windows-1251", "koi8-r". */
  encoding: string;
}

export interface DecodeOptions {
  /** The file's name, for error messages. */
  name: string;
  /** Decode with this encoding (an iconv-lite name) instead of detecting one. */
  forced?: string;
}

/**
 * Decodes a text file's bytes. Throws GlossError('invalid_argument') for an unknown forced
 * encoding and GlossError('unsupported_format') for data that is binary rather than text.
 */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions): DecodedText {
  const { name, forced } = options;
  if (forced !== undefined) return decodeForced(bytes, name, forced);

  const bom = byteOrderMark(bytes);
  if (bom) {
    const text = decodeWith(bytes.subarray(bom.length), bom.encoding);
    if (text.includes('\0')) throw binaryFile(name);
    return { text, encoding: bom.encoding };
  }
  const utf16 = utf16WithoutMark(bytes);
  if (utf16) return { text: decodeWith(bytes, utf16), encoding: utf16 };

  if (looksBinary(bytes)) throw binaryFile(name);
  let decoded: DecodedText;
  try {
    decoded = { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const encoding = guessLegacyEncoding(bytes);
    decoded = { text: iconv.decode(bytes, encoding), encoding };
  }
  // looksBinary reads the start of the file; a NUL further on still means binary data.
  if (decoded.text.includes('\0')) throw binaryFile(name);
  return decoded;
}

/**
 * The canonical lower-case name of an encoding label: "CP1251" and "win-1251" become
 * "windows-1251", "KOI8R" becomes "koi8-r", "UTF16LE" becomes "utf-16le". Labels it does not know
 * are only lower-cased.
 */
export function canonicalEncodingName(label: string): string {
  const name = label.trim().toLowerCase().replace(/_/g, '-');
  const windows = /^(?:cp|win|windows)-?(12[5-9]\d)$/.exec(name);
  if (windows) return `windows-${windows[1]}`;
  const koi8 = /^koi8-?([rut])$/.exec(name);
  if (koi8) return `koi8-${koi8[1]}`;
  const iso = /^iso-?8859-?(\d{1,2})$/.exec(name);
  if (iso) return `iso-8859-${iso[1]}`;
  const unicode = /^utf-?(8|16|32)(?:-?([lb]e))?$/.exec(name);
  if (unicode) return `utf-${unicode[1]}${unicode[2] ?? ''}`;
  if (/^(?:cp|ibm)-?866$/.test(name)) return 'ibm866';
  if (name === 'latin1' || name === 'latin-1') return 'iso-8859-1';
  return name;
}

function decodeForced(bytes: Uint8Array, name: string, forced: string): DecodedText {
  if (!iconv.encodingExists(forced)) {
    throw new GlossError('invalid_argument', `Unknown encoding "${forced}"`, { encoding: forced });
  }
  // iconv-lite drops a BOM of the encoding it decodes with, which is what a stored text wants.
  const text = iconv.decode(bytes, forced);
  if (text.includes('\0') && !/^utf-?(16|32)/i.test(forced)) throw binaryFile(name);
  return { text, encoding: canonicalEncodingName(forced) };
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  // The platform decoder for what it knows (fast, replaces bad sequences with U+FFFD); iconv-lite
  // for UTF-32, which TextDecoder does not support.
  if (encoding.startsWith('utf-32')) return iconv.decode(bytes, encoding, { stripBOM: false });
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', length: 3 };
  // UTF-32LE's mark begins with UTF-16LE's: test the longer one first.
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0 && bytes.length % 4 === 0) {
    return { encoding: 'utf-32le', length: 4 };
  }
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) {
    return { encoding: 'utf-32be', length: 4 };
  }
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** Bytes inspected by the detectors; a file's first 256 KB say enough about it. */
const SAMPLE_BYTES = 256 * 1024;

/**
 * High bytes of UTF-16 code units in the scripts Gloss's readers use: 00 (ASCII, Latin-1),
 * 01–02 (Latin Extended: ğ ş ı ə), 03 (Greek), 04–05 (Cyrillic), 20–21 (dashes, quotes, №).
 */
const UTF16_HIGH_BYTES = new Set([0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x20, 0x21]);

/**
 * UTF-16 without a byte-order mark: one byte of every pair comes from a handful of values (the
 * high byte of Latin or Cyrillic code points) while the other varies. Cyrillic UTF-16 has no NUL
 * bytes at all and is valid ASCII byte by byte, so this must run before the UTF-8 check.
 */
function utf16WithoutMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  const sample = bytes.subarray(0, Math.min(bytes.length, SAMPLE_BYTES) & ~1);
  const share = (parity: number): number => {
    let hits = 0;
    for (let i = parity; i < sample.length; i += 2) if (UTF16_HIGH_BYTES.has(sample[i]!)) hits++;
    return hits / (sample.length / 2);
  };
  const even = share(0);
  const odd = share(1);
  const encoding =
    odd >= 0.9 && even < 0.5 ? 'utf-16le' : even >= 0.9 && odd < 0.5 ? 'utf-16be' : undefined;
  if (!encoding) return undefined;
  try {
    // stream: the sample may end inside a surrogate pair, which is no fault of the file.
    const text = new TextDecoder(encoding, { fatal: true }).decode(sample, { stream: true });
    // Real text has no control characters other than whitespace.
    return hasControlCharacters(text) ? undefined : encoding;
  } catch {
    return undefined; // unpaired surrogates: not UTF-16 after all
  }
}

/** Whether a text holds control characters other than whitespace (and DOS's 1A, and escape). */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (isControl(text.charCodeAt(i))) return true;
  }
  return false;
}

function isControl(code: number): boolean {
  return code < 0x20 && !(code >= 0x09 && code <= 0x0d) && code !== 0x1a && code !== 0x1b;
}

/**
 * Binary data: NUL bytes (never in single-byte or UTF-8 text) or many control bytes. Tab, line
 * feed, vertical tab, form feed, carriage return, DOS's end-of-file (1A) and escape are text.
 */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (isControl(byte)) controls++;
  }
  return controls > Math.max(8, sample.length * 0.005);
}

function binaryFile(name: string): GlossError {
  return new GlossError('unsupported_format', `${name}: this looks like a binary file, not text`);
}

/** Bytes scored per candidate: plenty to tell code pages apart, quick to decode ten times. */
const LEGACY_SAMPLE_BYTES = 64 * 1024;

/**
 * The legacy encodings considered, most likely first (ties go to the earlier one): the Cyrillic
 * family Gloss's readers meet, then Western and Turkish Latin (Azerbaijani Latin has no
 * single-byte encoding of its own; old files use Windows-1254, which lacks ə), then Central
 * European.
 */
const LEGACY_CANDIDATES = [
  'windows-1251',
  'koi8-r',
  'koi8-u',
  'iso-8859-5',
  'ibm866',
  'windows-1252',
  'windows-1254',
  'iso-8859-15',
  'windows-1250',
  'iso-8859-2',
] as const;

/** chardet names ISO encodings whose Windows supersets are the candidates. */
const CHARDET_EQUIVALENT: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso-8859-9': 'windows-1254',
};

/**
 * Picks the legacy encoding whose decoding reads most like language. chardet's statistical guess
 * counts, but only as a nudge: on short texts it is often wrong, and a KOI8-R file mistaken for
 * Windows-1251 turns every word into gibberish, so every candidate is decoded and scored.
 */
function guessLegacyEncoding(bytes: Uint8Array): string {
  // The sample starts just before the first non-ASCII byte: a long English preamble must not
  // fill it with text that every candidate decodes alike.
  const firstHigh = Math.max(
    0,
    bytes.findIndex((byte) => byte >= 0x80),
  );
  const start = Math.max(0, firstHigh - 1024);
  const sample = bytes.subarray(start, start + LEGACY_SAMPLE_BYTES);
  const confidence = new Map<string, number>();
  // chardet is slow on large inputs (it tries every East Asian decoder); its nudge needs little.
  for (const match of chardet.analyse(sample.subarray(0, 16 * 1024))) {
    const name =
      CHARDET_EQUIVALENT[canonicalEncodingName(match.name)] ?? canonicalEncodingName(match.name);
    confidence.set(name, Math.max(confidence.get(name) ?? 0, match.confidence));
  }
  // chardet knows KOI8-R only; KOI8-U is the same code page plus four Ukrainian letters.
  confidence.set('koi8-u', confidence.get('koi8-r') ?? 0);
  let nonAscii = 0;
  for (const byte of sample) if (byte >= 0x80) nonAscii++;

  let best: { encoding: string; score: number } | undefined;
  const seen = new Set<string>();
  for (const encoding of LEGACY_CANDIDATES) {
    const text = iconv.decode(sample, encoding);
    // Encodings that agree on these bytes (KOI8-R and KOI8-U on Russian, Windows-1252 and
    // ISO-8859-2 on German) are the same answer: the one listed first is named.
    if (seen.has(text)) continue;
    seen.add(text);
    // chardet's confidence (0–100) is worth up to half a nat per non-ASCII byte.
    const score = plausibility(text) + ((confidence.get(encoding) ?? 0) / 200) * nonAscii;
    if (!best || score > best.score) best = { encoding, score };
  }
  return best!.encoding;
}

/**
 * Russian and Ukrainian letter frequencies in percent (the larger of the two languages' figures),
 * lower-case. A text decoded with the wrong Cyrillic code page is a permutation of letters, so
 * its letters are, on average, much rarer than these.
 */
// prettier-ignore
const CYRILLIC_FREQUENCY: Record<string, number> = {
  о: 11, е: 8.5, а: 8, и: 7.4, н: 6.7, т: 6.3, і: 5.7, с: 5.5, в: 5.4, р: 4.7, л: 4.4,
  у: 3.9, к: 3.5, д: 3.3, м: 3.2, п: 2.9, з: 2.3, я: 2.3, ы: 1.9, ь: 1.7, г: 1.7, б: 1.7,
  ч: 1.4, й: 1.3, х: 1.2, ж: 0.9, ц: 0.9, ю: 0.9, ш: 0.8, ї: 0.8, є: 0.8, щ: 0.6, э: 0.3,
  ф: 0.3, ё: 0.1, ґ: 0.05, ъ: 0.04,
};

/** Accented Latin letters of the languages Windows-1252/1254/1250 serve, as seen in practice. */
const COMMON_LATIN = new Set(
  [...'àáâäãåæçèéêëìíîïñòóôöõøùúûüÿßœšžčćęąłńśźżřěůğışə'].flatMap((c) => [c, c.toUpperCase()]),
);
COMMON_LATIN.add('İ');

/** Typographic punctuation that real text contains in any of these encodings. */
const COMMON_PUNCTUATION = new Set('«»—–“”„‘’‚…№•°€ ©®§±×™');

/** Characters that do stand between two letters of real text: apostrophes, dashes, dots. */
const INWORD_PUNCTUATION = new Set('’ʼ‘‑–—');

/** Signs that open something and so never directly follow a letter ("Da№", "слово«"). */
const OPENING_SIGNS = new Set('№«„');

/** Costs, in nats: roughly the log-probability of meeting the character in real text. */
const COST = {
  rareCyrillic: -9,
  commonLatin: -4.5,
  rareLatin: -8,
  otherLetter: -7,
  punctuation: -3,
  symbol: -9,
  control: -14,
  /** Per non-ASCII letter of a word mixing Latin and Cyrillic letters ("Mьller"). */
  mixedScript: -6,
  /** Per non-ASCII letter of a Latin word made only of accented letters ("Ïðåçèäåíò"). */
  accentSoup: -4,
  /** A non-letter between two letters ("aч§ld§"), other than apostrophes and dashes. */
  symbolInWord: -6,
  /** An opening sign glued to the end of a word. */
  openingAfterLetter: -6,
  /** Per lower-case letter followed by a capital inside a word ("рТЙЧЕФ"). */
  caseFlip: -5,
};

/** What the scorer needs to know about a character, worked out once per character. */
interface CharacterClass {
  /** Cost when the character is not ASCII (ASCII costs nothing: it decodes the same anywhere). */
  cost: number;
  letter: boolean;
  latin: boolean;
  cyrillic: boolean;
  lower: boolean;
  upper: boolean;
  /** May stand between two letters (an apostrophe, a dash). */
  joiner: boolean;
  /** Opens something (№, «): never right after a letter. */
  opening: boolean;
}

const classes = new Map<number, CharacterClass>();

function classify(code: number): CharacterClass {
  let known = classes.get(code);
  if (known) return known;
  const char = String.fromCharCode(code);
  const letter = /\p{L}/u.test(char);
  const cyrillic = /\p{Script=Cyrillic}/u.test(char);
  const latin = /\p{Script=Latin}/u.test(char);
  let cost: number;
  if (code <= 0x9f || code === 0xfffd) cost = COST.control;
  else if (cyrillic) {
    const frequency = CYRILLIC_FREQUENCY[char.toLowerCase()];
    cost = frequency === undefined ? COST.rareCyrillic : Math.log(frequency / 100);
  } else if (latin) cost = COMMON_LATIN.has(char) ? COST.commonLatin : COST.rareLatin;
  else if (letter) cost = COST.otherLetter;
  else cost = COMMON_PUNCTUATION.has(char) ? COST.punctuation : COST.symbol;
  known = {
    cost,
    letter,
    latin,
    cyrillic,
    lower: char !== char.toUpperCase(),
    upper: char !== char.toLowerCase(),
    joiner: INWORD_PUNCTUATION.has(char),
    opening: OPENING_SIGNS.has(char),
  };
  classes.set(code, known);
  return known;
}

/**
 * How much a decoded text reads like real text: the sum of the costs of its non-ASCII characters
 * (ASCII decodes the same in every candidate, so it cannot tell them apart) plus penalties for
 * words no language writes. Higher is better; only comparisons between decodings of the same
 * bytes mean anything. One pass, one lookup per character: files can be large.
 */
function plausibility(text: string): number {
  let score = 0;
  let latin = 0;
  let cyrillic = 0;
  let nonAsciiLatin = 0;
  let previousLower = false;
  let previousLetter = false;
  let symbolAfterLetter = false;
  const endWord = () => {
    if (latin > 0 && cyrillic > 0) score += COST.mixedScript * (cyrillic + nonAsciiLatin);
    if (latin >= 3 && nonAsciiLatin === latin) score += COST.accentSoup * nonAsciiLatin;
    latin = cyrillic = nonAsciiLatin = 0;
    previousLower = false;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const c = classify(code);
    if (code >= 0x80) score += c.cost;
    if (c.letter) {
      if (symbolAfterLetter) score += COST.symbolInWord;
      if (c.cyrillic) cyrillic++;
      else if (c.latin) {
        latin++;
        if (code >= 0x80) nonAsciiLatin++;
      }
      if (previousLower && c.upper) score += COST.caseFlip;
      previousLower = c.lower;
    } else {
      endWord();
      if (previousLetter && c.opening) score += COST.openingAfterLetter;
    }
    symbolAfterLetter = !c.letter && previousLetter && code >= 0x80 && !c.joiner;
    previousLetter = c.letter;
  }
  endWord();
  return score;
}
