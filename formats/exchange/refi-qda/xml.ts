/**
 * The little XML a REFI-QDA writer needs: escaping for text and attributes, and the removal of
 * characters XML 1.0 cannot carry at all (control characters pasted from other programs), which
 * would otherwise make a whole project unreadable to NVivo, ATLAS.ti or MAXQDA.
 */

/** Characters XML 1.0 does not allow anywhere, even escaped. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: &, < and > escaped, forbidden characters removed. */
export function xmlText(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** An attribute value: also quotes, and line breaks as references so parsers keep them. */
export function xmlAttribute(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/**
 * ` name="value"` for each defined, non-empty attribute, in the order given (the XSD does not
 * care, people reading the file do).
 */
export function attributes(values: Record<string, string | number | boolean | undefined>): string {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === '') continue;
    out += ` ${name}="${xmlAttribute(String(value))}"`;
  }
  return out;
}

/** `<Name attrs>text</Name>`, or nothing when the text is empty. */
export function textElement(name: string, text: string): string {
  return text === '' ? '' : `<${name}>${xmlText(text)}</${name}>`;
}

/** Whether a string is an xsd:dateTime a REFI reader accepts (ISO 8601 with a time zone). */
export function isDateTime(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value);
}
