import { describe, expect, it } from 'vitest';
import type { Annotation, Tag } from '../../../core/domain';
import {
  removeAnnotation,
  sortAnnotations,
  upsertAnnotation,
} from '../../../renderer/annotation-list';
import { summariseImport } from '../../../renderer/import-summary';
import { orderTags } from '../../../renderer/tags';

const a = (id: string, start: number, end: number) =>
  ({ id, start, end, createdAt: '2025-01-01T00:00:00Z' }) as Annotation;

describe('annotation list', () => {
  it('keeps text order, outer spans before the spans nested in them', () => {
    const list = sortAnnotations([a('late', 50, 60), a('inner', 10, 15), a('outer', 10, 40)]);
    expect(list.map((x) => x.id)).toEqual(['outer', 'inner', 'late']);
    const more = upsertAnnotation(list, a('middle', 20, 25));
    expect(more.map((x) => x.id)).toEqual(['outer', 'inner', 'middle', 'late']);
    const moved = upsertAnnotation(more, a('inner', 55, 58));
    expect(moved.map((x) => x.id)).toEqual(['outer', 'middle', 'late', 'inner']);
    expect(removeAnnotation(moved, 'late').map((x) => x.id)).toEqual(['outer', 'middle', 'inner']);
  });
});

describe('summariseImport', () => {
  it('names every file that failed, with its reason', () => {
    const notices = summariseImport([
      { name: 'a.txt', status: 'imported', document: { title: 'Article A' } as never },
      { name: 'scan.pdf', status: 'failed', error: 'unsupported format' },
    ]);
    expect(notices).toEqual([
      { kind: 'info', title: 'Imported 1 article', items: ['Article A'] },
      {
        kind: 'error',
        title: '1 file could not be imported',
        items: ['scan.pdf: unsupported format'],
      },
    ]);
  });
});

describe('orderTags', () => {
  it('puts each sub-tag right after its parent, by position', () => {
    const tag = (id: string, parentId: string | null, position: number) =>
      ({ id, parentId, position, name: id }) as Tag;
    const ordered = orderTags([
      tag('person', 'entity', 1),
      tag('opinion', null, 2),
      tag('entity', null, 1),
      tag('claim', null, 0),
      tag('org', 'entity', 0),
      tag('orphan', 'gone', 0),
    ]);
    expect(ordered.map((t) => t.id)).toEqual([
      'claim',
      'orphan',
      'entity',
      'org',
      'person',
      'opinion',
    ]);
  });
});
