/** The API's methods for relations between annotations, memos, search, document details (issue 4). */

export const notesArgSchemas = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface NotesResults {}
