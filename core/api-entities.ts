/** The API's methods for canonical entities: registry, aliases, suggestions, merge/split, mentions, tag-all-occurrences (issue 4). */

export const entityArgSchemas = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EntityResults {}
