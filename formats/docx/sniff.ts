/**
 * What a file that should be a Word document really is, from its first bytes. Analysts rename
 * files and mail servers relabel them; the message should say what arrived, not only that it
 * failed.
 */

/** A sentence saying why the bytes are not a .docx, or undefined when they start like a zip. */
export function notDocxReason(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return undefined;
  }
  // An OLE2 compound file: Word 97–2003 (.doc), or a .docx saved with a password — Office wraps
  // encrypted documents in the same container.
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return (
      'this Word file is password-protected or an old .doc — ' +
      'save it as .docx without a password and import it again'
    );
  }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.startsWith('%PDF-')) return 'this is not a Word document (it looks like a PDF)';
  if (head.startsWith('{\\rtf')) return 'this is not a Word document (it looks like an RTF file)';
  // (Read as Latin-1, a UTF-8 byte-order mark is the three characters "ï»¿".)
  if (/^(?:\xef\xbb\xbf)?\s*<(?:!doctype html|html|\?xml[^>]*>\s*<html)/i.test(head)) {
    return 'this is not a Word document (it looks like a web page saved as .docx)';
  }
  return undefined;
}

/** A sentence naming the kind of zip a file is when it is not a Word document. */
export function otherZipKind(entryNames: Set<string>): string {
  if (entryNames.has('xl/workbook.xml')) return 'it looks like an Excel workbook';
  if (entryNames.has('ppt/presentation.xml')) return 'it looks like a PowerPoint presentation';
  if (entryNames.has('META-INF/container.xml')) return 'it looks like an EPUB book';
  if (entryNames.has('content.xml')) return 'it looks like an OpenDocument file';
  return 'it is a zip archive without a document in it';
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}
