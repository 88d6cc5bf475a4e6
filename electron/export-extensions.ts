import type { ExchangeFormatName } from '../core/api-exchange';

/**
 * The extension each export gets, for the dialog's suggestion and filter. A table here rather
 * than the format registry, which would load every writer (and jsdom) into the main process; a
 * unit test keeps it equal to the registry's.
 */
export const EXPORT_EXTENSIONS: Readonly<Record<ExchangeFormatName, string>> = {
  jsonl: 'jsonl',
  csv: 'csv',
  w3c: 'jsonld',
  qdpx: 'qdpx',
  qdc: 'qdc',
  brat: 'zip',
  conll: 'conll',
  doccano: 'jsonl',
  labelstudio: 'zip',
  spacy: 'jsonl',
  html: 'html',
  md: 'md',
};
