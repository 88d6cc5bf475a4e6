/**
 * jsdom inserts each parsed node by walking up all of its ancestors, so building a tree costs
 * O(nodes × depth), and some of its walks recurse: 6,000 nested `<span>`s take jsdom ~12 s and
 * 20,000 overflow the stack, from a file of a few hundred kilobytes. A hostile page must not stall
 * an import that way, so its depth is measured first with parse5 — the very parser jsdom uses, so
 * the depth measured is the depth jsdom would build — which builds plain objects in linear time.
 * Browsers cap depth too (Chromium's parser stops nesting at 512).
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { GlossError } from '../../core/errors';

/** The deepest element nesting accepted. Real pages stay well under 100. */
export const MAX_NESTING_DEPTH = 512;

type ParentNode = DefaultTreeAdapterMap['parentNode'];

/** Throws GlossError('too_large') when HTML would nest deeper than MAX_NESTING_DEPTH. */
export function assertHtmlDepth(html: string, name: string): void {
  // Depth cannot exceed the number of tags: most fragments are too small to need a parse.
  if (countOf(html, '<', MAX_NESTING_DEPTH) < MAX_NESTING_DEPTH) return;
  // Scripting off, as in jsdom without runScripts: <noscript> content is markup, as it will be there.
  const depth = treeDepth(parse(html, { scriptingEnabled: false }));
  if (depth > MAX_NESTING_DEPTH) throw tooDeep(name);
}

/**
 * Throws GlossError('too_large') when XML nests deeper than MAX_NESTING_DEPTH. XML is well-formed
 * (or jsdom refuses it), so counting start and end tags in one scan gives its depth exactly.
 */
export function assertXmlDepth(xml: string, name: string): void {
  if (countOf(xml, '<', MAX_NESTING_DEPTH) < MAX_NESTING_DEPTH) return;
  const tags =
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][^>]*>|<(\/?)[^\s/>!?](?:"[^"]*"|'[^']*'|[^>"'])*?(\/?)>/g;
  let depth = 0;
  for (const match of xml.matchAll(tags)) {
    if (match[1] === '/') depth--;
    else if (match[1] !== undefined && match[2] !== '/' && ++depth > MAX_NESTING_DEPTH) {
      throw tooDeep(name);
    }
  }
}

function treeDepth(root: ParentNode): number {
  let deepest = 0;
  const stack: [ParentNode, number][] = [[root, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    if (depth > deepest) deepest = depth;
    if (depth > MAX_NESTING_DEPTH) break;
    for (const child of node.childNodes) {
      if ('childNodes' in child) stack.push([child, depth + 1]);
    }
    // <template> keeps its children in a separate fragment.
    if ('content' in node) stack.push([node.content, depth + 1]);
  }
  return deepest;
}

/** How many times `char` occurs in `text`, counting no further than `enough`. */
function countOf(text: string, char: string, enough: number): number {
  let count = 0;
  for (let at = text.indexOf(char); at >= 0 && count < enough; at = text.indexOf(char, at + 1))
    count++;
  return count;
}

function tooDeep(name: string): GlossError {
  return new GlossError(
    'too_large',
    `${name}: the markup is nested more than ${MAX_NESTING_DEPTH} levels deep — too deep to read safely`,
  );
}
