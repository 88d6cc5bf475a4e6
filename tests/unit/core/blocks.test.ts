import { SAMPLE_PATH as SAMPLE } from '../../shared-files';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blocksFromPlainText } from '../../../core/blocks';
import { CodePointIndex } from '../../../core/offsets';
import { normaliseText } from '../../../core/text';

const slices = (text: string) => {
  const index = new CodePointIndex(text);
  return blocksFromPlainText(text).map((b) => index.slice(b.start, b.end));
};

describe('blocksFromPlainText', () => {
  it('makes one paragraph per line of the sample article, each its line verbatim', () => {
    const text = normaliseText(readFileSync(SAMPLE, 'utf8'));
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    const blocks = blocksFromPlainText(text);
    expect(blocks.every((b) => b.kind === 'paragraph')).toBe(true);
    expect(slices(text)).toEqual(lines);
    expect(lines[0]).toBe('Kavkaz Files ISSN 2975-0474 Volume 21 Issue 2');
  });

  it('makes one block per blank-line-separated paragraph, keeping its inner newlines', () => {
    const text = 'Первый абзац,\nпродолжение 😀.\n\n  \nSecond 𠀀 paragraph.\n\n\nThird.';
    expect(slices(text)).toEqual([
      'Первый абзац,\nпродолжение 😀.',
      'Second 𠀀 paragraph.',
      'Third.',
    ]);
  });

  it('keeps a leading or final single newline out of the first and last paragraphs', () => {
    expect(slices('One,\ntwo.\n\nThree.\n')).toEqual(['One,\ntwo.', 'Three.']);
    expect(slices('\nOne,\ntwo.\n\nThree.')).toEqual(['One,\ntwo.', 'Three.']);
  });

  it('gives code-point offsets that cut the same text out of the original', () => {
    const text = '🇺🇦 line one\n北京 line two\n👨‍👩‍👧 line three';
    const blocks = blocksFromPlainText(text);
    expect(blocks.map((b) => [b.start, b.end])).toEqual([
      [0, 11],
      [12, 23],
      [24, 40],
    ]);
    expect(Array.from(text).slice(24, 40).join('')).toBe('👨‍👩‍👧 line three');
  });

  it('finds no blocks in whitespace', () => {
    expect(blocksFromPlainText(' \n\t\n')).toEqual([]);
  });
});
