/**
 * Folds text for search and filtering: compatibility-decomposed (so ligatures and full-width
 * letters match their plain forms), combining marks removed (so "Zürich" matches "zurich" and "ё"
 * matches "е"), and lower-cased. Apply it to both the haystack and the needle.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
