/** The API's methods for the codebook: sub-tags, reorder/rename/merge/delete, attribute definitions, codebook JSON (issue 4). */

export const codebookArgSchemas = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CodebookResults {}
