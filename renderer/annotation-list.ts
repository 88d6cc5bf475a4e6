import type { Annotation } from '../core/domain';

/**
 * The document's annotations in text order — by start, the longer (outer) one first, then by
 * creation — as the side panel lists them. All functions return a new array; lists are kept
 * sorted, so inserting is a binary search rather than a re-sort of thousands of annotations.
 */
export function compareAnnotations(a: Annotation, b: Annotation): number {
  return (
    a.start - b.start ||
    b.end - a.end ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

export function sortAnnotations(list: readonly Annotation[]): Annotation[] {
  return [...list].sort(compareAnnotations);
}

/** Inserts an annotation, or replaces the one with the same id. */
export function upsertAnnotation(
  list: readonly Annotation[],
  annotation: Annotation,
): Annotation[] {
  const without = list.some((a) => a.id === annotation.id)
    ? removeAnnotation(list, annotation.id)
    : [...list];
  let lo = 0;
  let hi = without.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareAnnotations(without[mid]!, annotation) < 0) lo = mid + 1;
    else hi = mid;
  }
  without.splice(lo, 0, annotation);
  return without;
}

export function removeAnnotation(list: readonly Annotation[], id: string): Annotation[] {
  return list.filter((a) => a.id !== id);
}
