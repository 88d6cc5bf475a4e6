/** The API's methods for edit text with orphaning, orphans, persistent undo history (issue 4). */

export const editingArgSchemas = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EditingResults {}
