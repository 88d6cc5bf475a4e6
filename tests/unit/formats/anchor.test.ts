import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../../../core/offsets';
import { quoteOf } from '../../../core/quote';
import { MAX_CANDIDATES, reanchor } from '../../../formats/anchor';
import type { AnchorQuote } from '../../../formats/anchor';

/** The annotation an analyst made on `text` over the first occurrence of `phrase` (or the nth). */
function annotate(text: string, phrase: string, nth = 0): AnchorQuote {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(phrase, at + 1);
  if (at < 0) throw new Error(`"${phrase}" is not in the text`);
  const index = new CodePointIndex(text);
  const start = index.toCodePoint(at);
  const end = index.toCodePoint(at + phrase.length);
  return { start, end, ...quoteOf(index, start, end) };
}

/** The text a re-anchored annotation covers in the new text. */
const covered = (text: string, anchoring: { start: number; end: number }) =>
  new CodePointIndex(text).slice(anchoring.start, anchoring.end);

describe('reanchor', () => {
  const OLD = 'Baku 😀 said the talks failed. Kyiv disagreed. Critics called it a farce.';

  it('keeps an annotation whose place still holds its quote', () => {
    const quote = annotate(OLD, 'Kyiv disagreed');
    const changedElsewhere = OLD.replace('a farce', 'a sham');
    expect(reanchor([quote], changedElsewhere)).toEqual([
      { status: 'kept', start: quote.start, end: quote.end },
    ]);
  });

  it('moves an annotation to its quote when the text before it changed, in code points', () => {
    const quote = annotate(OLD, 'Critics called it a farce');
    const NEW = `Update 👨‍👩‍👧: ${OLD}`;
    const [moved] = reanchor([quote], NEW);
    expect(moved).toMatchObject({ status: 'moved' });
    expect(covered(NEW, moved as { start: number; end: number })).toBe('Critics called it a farce');
    expect(moved).toEqual({
      status: 'moved',
      start: quote.start + Array.from('Update 👨‍👩‍👧: ').length,
      end: quote.end + Array.from('Update 👨‍👩‍👧: ').length,
    });
  });

  it('picks, among several places of the same words, the one whose context matches', () => {
    const text = 'The minister said no. Later, the minister said yes. Then the minister said no.';
    const second = annotate(text, 'the minister'); // "Later, the minister said yes" ("The" differs)
    const NEW = `Preface. ${text}`;
    const [moved] = reanchor([second], NEW);
    expect(moved).toMatchObject({ status: 'moved' });
    const start = (moved as { start: number }).start;
    expect(
      Array.from(NEW)
        .slice(start - 7, start + 22)
        .join(''),
    ).toBe('Later, the minister said yes.');
  });

  it('orphans a quote found in several places whose contexts match equally', () => {
    const block = 'Officials denied it. ';
    const text = `${block}A. ${block}`;
    const quote = annotate(text, 'Officials denied it', 1);
    // Now both places have the same context: nothing says which one was meant.
    const NEW = `X. ${block}A. ${block}A. ${block}`;
    expect(reanchor([quote], NEW)).toEqual([{ status: 'orphaned', reason: 'ambiguous' }]);
  });

  it('orphans a quote that is gone, never attaching it to look-alike text', () => {
    const quote = annotate(OLD, 'Kyiv disagreed');
    const NEW = OLD.replace('Kyiv disagreed', 'Kyiv agreed');
    expect(reanchor([quote], NEW)).toEqual([{ status: 'orphaned', reason: 'not_found' }]);
  });

  it('orphans a short quote found once whose context has changed entirely', () => {
    const quote = annotate(OLD, 'Kyiv');
    const NEW = 'Completely different text where Kyiv appears once.';
    expect(reanchor([quote], NEW)).toEqual([{ status: 'orphaned', reason: 'weak' }]);
    // A longer quote found once moves even without context: it is the same sentence.
    const sentence = annotate(OLD, 'Critics called it a farce.');
    const [moved] = reanchor([sentence], 'New intro. Critics called it a farce.');
    expect(moved).toMatchObject({ status: 'moved', start: 11 });
  });

  it('orphans a quote that appears too often to compare', () => {
    const text = 'ab '.repeat(MAX_CANDIDATES + 5);
    const quote = annotate(text, 'ab', 3);
    expect(reanchor([quote], `x${text}`)).toEqual([{ status: 'orphaned', reason: 'ambiguous' }]);
  });

  it('re-anchors many annotations in one call, each on its own', () => {
    const quotes = [
      annotate(OLD, 'Baku'),
      annotate(OLD, 'the talks failed'),
      annotate(OLD, 'Kyiv disagreed'),
    ];
    const NEW = OLD.replace('Baku', 'Baku, 3 March,').replace('Kyiv disagreed', 'Kyiv objected');
    const result = reanchor(quotes, NEW);
    expect(result.map((r) => r.status)).toEqual(['kept', 'moved', 'orphaned']);
    expect(covered(NEW, result[1] as { start: number; end: number })).toBe('the talks failed');
  });

  it('handles a quote at the very end of a shorter text, and an empty quote', () => {
    const quote = annotate(OLD, 'called it a farce.');
    expect(reanchor([quote], 'called it a farce.')).toEqual([
      { status: 'moved', start: 0, end: 18 },
    ]);
    expect(reanchor([{ start: 0, end: 1, exact: '', prefix: '', suffix: '' }], 'x')).toEqual([
      { status: 'orphaned', reason: 'not_found' },
    ]);
  });
});
