/**
 * Footnotes, endnotes and comments are part of what an analyst reads in a report — a claim's
 * source is often only in a footnote. mammoth renders notes as a list at the end of the document
 * and comments as a definition list; this rewrites both into headed sections of plain paragraphs,
 * each labelled as its reference in the text is ("[1]", "[CM1]"), with each comment's author.
 */

/** Rewrites mammoth's end matter in place; `authors` maps comment ids to their authors. */
export function rewriteEndMatter(document: Document, authors: Map<string, string>): void {
  // The "↑" links from a note back to its reference mean nothing once the text is flat.
  for (const back of Array.from(
    document.querySelectorAll(
      'a[href^="#footnote-ref-"], a[href^="#endnote-ref-"], a[href^="#comment-ref-"]',
    ),
  )) {
    back.remove();
  }
  rewriteNotes(document);
  rewriteComments(document, authors);
}

function rewriteNotes(document: Document): void {
  const items = Array.from(document.querySelectorAll('li[id^="footnote-"], li[id^="endnote-"]'));
  const lists = new Set(items.map((item) => item.parentElement).filter((list) => list !== null));
  for (const list of lists) {
    const section: Node[] = [heading(document, 'Notes')];
    Array.from(list.children).forEach((item, index) => {
      const label = referenceLabel(document, item.id) ?? `[${index + 1}]`;
      section.push(...labelledParagraphs(document, item, `${label} `));
    });
    list.replaceWith(...section);
  }
}

function rewriteComments(document: Document, authors: Map<string, string>): void {
  const terms = Array.from(document.querySelectorAll('dt[id^="comment-"]'));
  const lists = new Set(terms.map((term) => term.parentElement).filter((list) => list !== null));
  for (const list of lists) {
    const section: Node[] = [heading(document, 'Comments')];
    for (const term of Array.from(list.querySelectorAll(':scope > dt'))) {
      const id = term.id.slice('comment-'.length);
      // mammoth's term reads "Comment [CM1]": the bracket is the reference shown in the text.
      const label = /\[[^\]]*\]\s*$/.exec(term.textContent ?? '')?.[0].trim() ?? '';
      const author = authors.get(id);
      const prefix = [label, author ? `${author}:` : ''].filter(Boolean).join(' ');
      const body = term.nextElementSibling?.localName === 'dd' ? term.nextElementSibling : null;
      if (body) section.push(...labelledParagraphs(document, body, prefix ? `${prefix} ` : ''));
    }
    list.replaceWith(...section);
  }
}

/** The text of the in-text reference that links to `id`, e.g. "[1]". */
function referenceLabel(document: Document, id: string): string | undefined {
  const reference = Array.from(document.querySelectorAll('a[href^="#"]')).find(
    (a) => a.getAttribute('href') === `#${id}`,
  );
  const text = reference?.textContent?.trim();
  return text || undefined;
}

/**
 * A container's content as blocks, the first paragraph starting with `label`: mammoth wraps a
 * note's paragraphs in <p>, but a note may also hold a list or a table, and those stay.
 */
function labelledParagraphs(document: Document, container: Element, label: string): Element[] {
  const blocks = Array.from(container.children).filter((child) => BLOCK.test(child.localName));
  if (blocks.length === 0) {
    const paragraph = document.createElement('p');
    paragraph.append(...Array.from(container.childNodes));
    blocks.push(paragraph);
  }
  if (blocks[0]!.localName === 'p') blocks[0]!.prepend(document.createTextNode(label));
  else if (label.trim()) {
    const paragraph = document.createElement('p');
    paragraph.textContent = label.trim();
    blocks.unshift(paragraph);
  }
  return blocks;
}

const BLOCK = /^(?:p|ul|ol|table|blockquote|div|pre|h[1-6])$/;

function heading(document: Document, text: string): Element {
  const element = document.createElement('h1');
  element.textContent = text;
  return element;
}
