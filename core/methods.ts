/**
 * The names of the API's methods, apart from their argument schemas, so that a door that only
 * routes calls (the Electron preload) need not bundle the validator. core/api.ts checks at compile
 * time that this list and the schemas name exactly the same methods.
 */
export const API_METHOD_NAMES = [
  'getProjectInfo',
  'listDocuments',
  'getDocument',
  'deleteDocument',
  'importFiles',
  'importPaths',
  'expandPaths',
  'importText',
  'reimportDocument',
  'getSettings',
  'updateSettings',
  'listTags',
  'listAnnotations',
  'createAnnotation',
  'updateAnnotation',
  'deleteAnnotation',
  'restoreAnnotation',
  'exportAnnotations',
  // Each area of issues 4–6 lists its methods in its own block, in the order of core/api-*.ts.
  // codebook (core/api-codebook.ts)
  // entities (core/api-entities.ts)
  // notes (core/api-notes.ts)
  // editing (core/api-editing.ts)
  // exchange (core/api-exchange.ts)
  // safety (core/api-safety.ts)
] as const;

export type ApiMethodName = (typeof API_METHOD_NAMES)[number];
