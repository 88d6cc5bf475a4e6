import { describe, expect, it } from 'vitest';
import {
  admiraltyCode,
  applicableAttributes,
  applicableValues,
  attributeKeyFromName,
  carryValues,
  checkAttributeValue,
  isPartialDate,
} from '../../../core/attributes';
import type { ReferenceCheck } from '../../../core/attributes';
import {
  BUILTIN_ATTRIBUTE_IDS as A,
  CLAIM_TAG_ID,
  DEFAULT_ATTRIBUTES,
  DEFAULT_SUBTAGS,
  OPINION_TAG_ID,
  ROOT_TAGS,
} from '../../../core/codebook';
import { hotkeyProblem, subtreeIds, tagNamePath } from '../../../core/codebook-rules';
import type { AttributeDef, Tag } from '../../../core/domain';

const TAGS: Tag[] = [...ROOT_TAGS, ...DEFAULT_SUBTAGS];
const tagById = new Map(TAGS.map((t) => [t.id, t]));
const QUOTE = DEFAULT_SUBTAGS.find((t) => t.name === 'Quote')!;
/** A built-in attribute definition. */
const def = (id: string): AttributeDef => DEFAULT_ATTRIBUTES.find((d) => d.id === id)!;

const ENTITY_ID = '01900000-0000-7000-8000-00000000e001';
const ANNOTATION_ID = '01900000-0000-7000-8000-00000000a001';
const refs: ReferenceCheck = {
  isLiveEntity: (id) => id === ENTITY_ID,
  isLiveAnnotation: (id) => id === ANNOTATION_ID,
};

describe('applicable attributes', () => {
  it("gives a sub-tag its ancestors' attributes first, then its own, by position", () => {
    const mine: AttributeDef = {
      ...def(A.claimKind),
      id: 'q1',
      tagId: QUOTE.id,
      key: 'speaker_role',
      position: 0,
    };
    const list = applicableAttributes(QUOTE.id, tagById, [mine, ...DEFAULT_ATTRIBUTES]);
    expect(list.map((d) => d.key)).toEqual([
      'kind',
      'reliability',
      'credibility',
      'attributed_to',
      'date',
      'speaker_role',
    ]);
    expect(
      applicableAttributes(OPINION_TAG_ID, tagById, DEFAULT_ATTRIBUTES).map((d) => d.key),
    ).toEqual(['holder', 'stance', 'target']);
    expect(applicableAttributes('no-such-tag', tagById, DEFAULT_ATTRIBUTES)).toEqual([]);
  });

  it('shows only the values of applicable attributes', () => {
    const values = { [A.reliability]: 'B', [A.stance]: 'negative' };
    const claim = applicableAttributes(CLAIM_TAG_ID, tagById, DEFAULT_ATTRIBUTES);
    expect(applicableValues(values, claim)).toEqual({ [A.reliability]: 'B' });
  });

  it('survives a cycle in a damaged codebook', () => {
    const a: Tag = { ...QUOTE, id: 'a', parentId: 'b' };
    const b: Tag = { ...QUOTE, id: 'b', parentId: 'a' };
    const cyclic = new Map([a, b].map((t) => [t.id, t]));
    expect(applicableAttributes('a', cyclic, [])).toEqual([]);
    expect(tagNamePath('a', cyclic)).toHaveLength(2);
  });
});

describe('dates', () => {
  it('takes a year, a month or a day, and only real ones', () => {
    for (const ok of ['2024', '2024-02', '2024-02-29', '1999-12-31', '0800']) {
      expect(isPartialDate(ok), ok).toBe(true);
    }
    for (const bad of [
      '2023-02-29',
      '2024-13',
      '2024-00',
      '2024-04-31',
      '24',
      '2024-1-5',
      '2024/01',
      '',
      ' 2024',
    ]) {
      expect(isPartialDate(bad), bad).toBe(false);
    }
  });
});

describe('checking a value by type', () => {
  const check = (d: Pick<AttributeDef, 'name' | 'type' | 'choices'>, value: unknown) =>
    checkAttributeValue(d, value, refs, ANNOTATION_ID.replace('a001', 'a002'));

  it('keeps a choice among the choices and names the allowed ones otherwise', () => {
    expect(check(def(A.reliability), 'B')).toEqual({ ok: true, value: 'B' });
    expect(check(def(A.reliability), 'G')).toEqual({
      ok: false,
      message: '"Source reliability" must be one of A, B, C, D, E, F (got "G").',
    });
    expect(check(def(A.credibility), 2)).toMatchObject({ ok: false });
    expect(check(def(A.credibility), '')).toEqual({ ok: true, value: null });
  });

  it('orders multiple choices as the definition does and drops repeats', () => {
    const tags = {
      name: 'Topics',
      type: 'multi_choice' as const,
      choices: ['war', 'gas', 'law'].map((v) => ({ value: v, label: v })),
    };
    expect(check(tags, ['law', 'war', 'law'])).toEqual({ ok: true, value: ['war', 'law'] });
    expect(check(tags, [])).toEqual({ ok: true, value: null });
    expect(check(tags, ['oil'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('"oil"'),
    });
    expect(check(tags, 'war')).toMatchObject({ ok: false });
  });

  it('takes partial dates only', () => {
    expect(check(def(A.claimDate), ' 2022-02 ')).toEqual({ ok: true, value: '2022-02' });
    expect(check(def(A.claimDate), '24 Feb 2022')).toEqual({
      ok: false,
      message:
        '"Date the claim refers to" takes a date as YYYY, YYYY-MM or YYYY-MM-DD (got "24 Feb 2022").',
    });
  });

  it('takes text trimmed, in any script, and an empty text as no value', () => {
    const text = { name: 'Source', type: 'text' as const, choices: [] };
    expect(check(text, '  Київ 🌻 ')).toEqual({ ok: true, value: 'Київ 🌻' });
    expect(check(text, '   ')).toEqual({ ok: true, value: null });
    expect(check(text, 'x'.repeat(2000))).toMatchObject({ ok: false });
    const long = { name: 'Context', type: 'long_text' as const, choices: [] };
    expect(check(long, '  line one\nline two  \n')).toEqual({
      ok: true,
      value: '  line one\nline two',
    });
  });

  it('takes numbers and yes/no of the right type only', () => {
    const count = { name: 'Casualties', type: 'number' as const, choices: [] };
    expect(check(count, 12.5)).toEqual({ ok: true, value: 12.5 });
    expect(check(count, '12')).toMatchObject({
      ok: false,
      message: '"Casualties" takes a number.',
    });
    expect(check(count, Number.NaN)).toMatchObject({ ok: false });
    const flag = { name: 'Verified', type: 'boolean' as const, choices: [] };
    expect(check(flag, false)).toEqual({ ok: true, value: false });
    expect(check(flag, 'no')).toMatchObject({ ok: false });
  });

  it('takes ids of live entities and annotations, never the annotation itself', () => {
    expect(check(def(A.attributedTo), ENTITY_ID)).toEqual({ ok: true, value: ENTITY_ID });
    expect(check(def(A.attributedTo), ENTITY_ID.replace('e001', 'e002'))).toEqual({
      ok: false,
      message: '"Attributed to" refers to an entity that does not exist (or was deleted).',
    });
    expect(check(def(A.attributedTo), 'Rovshan Mammadov')).toMatchObject({ ok: false });
    const about = { name: 'Responds to', type: 'annotation' as const, choices: [] };
    expect(check(about, ANNOTATION_ID)).toEqual({ ok: true, value: ANNOTATION_ID });
    expect(checkAttributeValue(about, ANNOTATION_ID, refs, ANNOTATION_ID)).toMatchObject({
      ok: false,
      message: '"Responds to" cannot refer to the annotation itself.',
    });
  });

  it('removes with null whatever the type', () => {
    expect(check(def(A.reliability), null)).toEqual({ ok: true, value: null });
  });
});

describe('retagging', () => {
  const claim = applicableAttributes(CLAIM_TAG_ID, tagById, DEFAULT_ATTRIBUTES);
  const opinion = applicableAttributes(OPINION_TAG_ID, tagById, DEFAULT_ATTRIBUTES);

  it('keeps every value, even those the new tag does not show', () => {
    const values = { [A.reliability]: 'B', [A.credibility]: '2' };
    expect(carryValues(values, claim, opinion)).toEqual({ values, carried: [] });
  });

  it('carries a value onto an attribute of the new tag with the same key and a valid value', () => {
    const reliability: AttributeDef = {
      ...def(A.reliability),
      id: 'op-rel',
      tagId: OPINION_TAG_ID,
    };
    const grade: AttributeDef = {
      ...def(A.credibility),
      id: 'op-cred',
      tagId: OPINION_TAG_ID,
      choices: [{ value: 'high', label: 'High' }],
    };
    const values = { [A.reliability]: 'B', [A.credibility]: '2' };
    const { values: next, carried } = carryValues(values, claim, [...opinion, reliability, grade]);
    expect(carried).toEqual(['op-rel']);
    expect(next).toEqual({ ...values, 'op-rel': 'B' });
  });

  it('carries between the two text types but not to another type', () => {
    const before: AttributeDef[] = [
      { ...def(A.claimKind), id: 'x', key: 'source', type: 'text', choices: [] },
    ];
    const asLong: AttributeDef[] = [{ ...before[0]!, id: 'y', type: 'long_text' }];
    const asNumber: AttributeDef[] = [{ ...before[0]!, id: 'z', type: 'number' }];
    expect(carryValues({ x: 'TASS' }, before, asLong).values).toEqual({ x: 'TASS', y: 'TASS' });
    expect(carryValues({ x: 'TASS' }, before, asNumber).carried).toEqual([]);
  });
});

describe('names and codes', () => {
  it('makes machine keys from names in any script', () => {
    expect(attributeKeyFromName('Date the claim refers to')).toBe('date_the_claim_refers_to');
    expect(attributeKeyFromName('Fiabilité de la source')).toBe('fiabilite_de_la_source');
    expect(attributeKeyFromName('Надёжность')).toBe('attribute');
    expect(attributeKeyFromName('2nd source')).toBe('a_2nd_source');
  });

  it('writes the Admiralty code of a graded claim', () => {
    const claim = applicableAttributes(QUOTE.id, tagById, DEFAULT_ATTRIBUTES);
    expect(admiraltyCode({ [A.reliability]: 'B', [A.credibility]: '2' }, claim)).toBe('B2');
    expect(admiraltyCode({ [A.credibility]: '6' }, claim)).toBe('6');
    expect(admiraltyCode({}, claim)).toBeNull();
  });

  it('keeps N for the note and allows letters and digits as hotkeys', () => {
    expect(hotkeyProblem('n')).toMatch(/N is kept for the note/);
    expect(hotkeyProblem('K')).toMatch(/single letter/);
    expect(hotkeyProblem('7')).toBeNull();
    expect(hotkeyProblem('k')).toBeNull();
  });

  it('names a tag by its path and lists its subtree', () => {
    expect(tagNamePath(QUOTE.id, tagById)).toEqual(['Claim', 'Quote']);
    const claimTree = subtreeIds(CLAIM_TAG_ID, TAGS);
    expect(claimTree[0]).toBe(CLAIM_TAG_ID);
    expect(claimTree).toHaveLength(5);
  });
});
