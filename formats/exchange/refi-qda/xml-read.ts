/**
 * Reading QDA-XML: parsed with jsdom's XML parser into an inert DOM (no DTDs: a file with a
 * DOCTYPE is refused, so no entity expansion or external fetch can happen), then walked by local
 * name, whatever namespace prefix a vendor used.
 */
import { JSDOM } from 'jsdom';

let parser: DOMParser | undefined;

/** The root element of an XML document; throws with the parser's message when it is not XML. */
export async function parseXml(xml: string, fileName: string): Promise<Element> {
  if (/<!DOCTYPE/i.test(xml.slice(0, 4096))) {
    throw new Error(`${fileName} declares a DOCTYPE, which QDA-XML never needs; it was not read`);
  }
  parser ??= new new JSDOM('').window.DOMParser();
  const doc = parser.parseFromString(xml, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error || !doc.documentElement) {
    throw new Error(
      `${fileName} is not well-formed XML (${error?.textContent?.trim() ?? 'empty'})`,
    );
  }
  return doc.documentElement;
}

/** The element's child elements with this local name. */
export function children(element: Element | null | undefined, localName: string): Element[] {
  if (!element) return [];
  return Array.from(element.children).filter((child) => child.localName === localName);
}

export function firstChild(element: Element | null | undefined, localName: string): Element | null {
  if (!element) return null;
  for (const child of Array.from(element.children)) if (child.localName === localName) return child;
  return null;
}

/** All elements with this local name beneath `element`. */
export function descendants(element: Element | null | undefined, localName: string): Element[] {
  if (!element) return [];
  return Array.from(element.getElementsByTagNameNS('*', localName));
}

export function attr(element: Element | null | undefined, name: string): string {
  return element?.getAttribute(name) ?? '';
}

export function textOf(element: Element | null): string {
  return element?.textContent ?? '';
}

/** A GUID as Gloss keeps ids: braces dropped, lower case; '' when it is not a GUID. */
export function guidOf(value: string): string {
  const bare = value
    .trim()
    .replace(/^\{|\}$/g, '')
    .toLowerCase();
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(bare) ? bare : '';
}
