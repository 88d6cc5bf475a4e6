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
] as const;

export type ApiMethodName = (typeof API_METHOD_NAMES)[number];
