/** The two REFI-QDA exchange formats: the whole project (.qdpx) and the codebook alone (.qdc). */
import type { ExchangeFormat } from '../registry-types';
import { readQdc, readQdpx } from './read';
import { writeQdc, writeQdpx } from './write';

export const qdpxFormat: ExchangeFormat = {
  id: 'qdpx',
  label: 'REFI-QDA project (.qdpx: NVivo, ATLAS.ti, MAXQDA)',
  extension: 'qdpx',
  mimeType: 'application/zip',
  write: writeQdpx,
  read: readQdpx,
};

export const qdcFormat: ExchangeFormat = {
  id: 'qdc',
  label: 'REFI-QDA codebook (.qdc)',
  extension: 'qdc',
  mimeType: 'application/xml',
  write: (source, sink) => writeQdc(source, sink),
  read: readQdc,
};
