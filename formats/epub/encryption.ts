/**
 * What `META-INF/encryption.xml` says is encrypted. EPUBs use it for two different things: font
 * obfuscation (the IDPF and Adobe algorithms, which only scramble embedded fonts — harmless to a
 * text import) and DRM (Adobe ADEPT, Readium LCP, Apple FairPlay…, which encrypt the chapters).
 * Only the second matters: the paths returned are the resources encrypted by anything other than
 * font obfuscation.
 */
import { parseXmlDocument } from '../html/parse';
import { resolveInZip } from './package';

const FONT_OBFUSCATION = new Set([
  'http://www.idpf.org/2008/embedding',
  'http://ns.adobe.com/pdf/enc#RC',
]);

/** Zip entry names of the resources encrypted for DRM (not merely obfuscated fonts). */
export function encryptedPaths(encryptionXml: string): Set<string> {
  const document = parseXmlDocument(encryptionXml);
  const paths = new Set<string>();
  for (const data of Array.from(document.getElementsByTagNameNS('*', 'EncryptedData'))) {
    const method = data.getElementsByTagNameNS('*', 'EncryptionMethod')[0];
    const algorithm = method?.getAttribute('Algorithm')?.trim() ?? '';
    if (FONT_OBFUSCATION.has(algorithm)) continue;
    for (const reference of Array.from(data.getElementsByTagNameNS('*', 'CipherReference'))) {
      // URIs in the container's META-INF files are relative to the root of the container.
      const path = resolveInZip('', reference.getAttribute('URI') ?? '');
      if (path !== undefined) paths.add(path);
    }
  }
  return paths;
}
