import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MouseEvent as ReactMouseEvent, ReactNode } from 'react';
import type { GlossDocument } from '../../core/domain';
import { formatLabel, sourceLine } from '../document-info';
import { ArticleView } from '../editor/article-view';
import type { DescribeTag } from '../editor/article-view';
import { useLatest } from '../hooks';
import type { ReaderSession } from '../reader-session';
import { relationStoreOf } from '../relations-store';
import { SpanHoverCard } from './SpanHoverCard';

const numberFormat = new Intl.NumberFormat();
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

interface HoverCard {
  x: number;
  y: number;
  items: { id: string; label: string; color: string }[];
}

/**
 * The article column: mounts the ProseMirror view for the document, shows which tags lie under
 * the pointer, and hides the highlights of tags filtered out in the panel.
 */
export function ArticlePane({
  doc,
  session,
  describe,
  hiddenTags,
  banner,
}: {
  doc: GlossDocument;
  session: ReaderSession;
  describe: DescribeTag;
  hiddenTags: ReadonlySet<string>;
  /** Shown above the article, inside its scrolling column (edit mode, orphans). */
  banner?: ReactNode;
}) {
  const mountRef = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<HoverCard | null>(null);
  // The view is built once per document; it asks for the latest tag descriptions through this.
  const describeRef = useLatest(describe);
  // Marks the spans related to the active one (relation-plugin.ts).
  const relations = relationStoreOf(session);

  // A layout effect, so the article is built in the same frame as the reader around it: with a
  // plain effect the browser first paints a reader without its article, a wasted frame.
  useLayoutEffect(() => {
    const mount = mountRef.current;
    if (!mount) return;
    const view = new ArticleView(
      mount,
      doc,
      session.getSnapshot().annotations,
      (tagId) => describeRef.current(tagId),
      session.callbacks,
    );
    session.attach(view);
    const detachRelations = relations?.attach(view);
    // The caret starts in the article, so shift+arrows select right away.
    view.focus();
    return () => {
      detachRelations?.();
      session.detach();
      view.destroy();
    };
  }, [doc, session, describeRef, relations]);

  useHiddenTagStyles(hiddenTags);

  function onMouseOver(event: ReactMouseEvent) {
    let element = (event.target as Element).closest('[data-annotation-id]');
    if (!element) return setHover(null);
    // Every annotation around the pointer: an entity inside a claim shows both. ProseMirror nests
    // their spans in no particular order, so sort by length: the outermost (longest) first.
    const items: (HoverCard['items'][number] & { length: number })[] = [];
    const annotations = session.getSnapshot().annotations;
    while (element && mountRef.current?.contains(element)) {
      const id = element.getAttribute('data-annotation-id') ?? '';
      const tagId = element.getAttribute('data-tag-id') ?? '';
      const stored = annotations.find((a) => a.id === id);
      const length = stored ? stored.end - stored.start : 0;
      if (!hiddenTags.has(tagId)) items.push({ id, length, ...describeLabel(describe, tagId) });
      element = element.parentElement?.closest('[data-annotation-id]') ?? null;
    }
    items.sort((a, b) => b.length - a.length);
    if (!items.length) return setHover(null);
    const key = items.map((i) => i.id).join();
    if (hover && hover.items.map((i) => i.id).join() === key) return;
    setHover({ x: event.clientX, y: event.clientY, items });
  }

  const source = sourceLine(doc);
  return (
    <div className="reader-main">
      {banner}
      <article className="article-frame">
        <p className="article-meta">
          <span className="doc-format" title={formatLabel(doc.format)}>
            {doc.format.toUpperCase()}
          </span>
          {source && `${source} · `}
          {numberFormat.format(doc.length)} characters · imported{' '}
          {dateFormat.format(new Date(doc.importedAt))}
        </p>
        <div
          ref={mountRef}
          className="article-mount"
          onMouseOver={onMouseOver}
          onMouseLeave={() => setHover(null)}
        />
      </article>
      {hover && <SpanHoverCard x={hover.x} y={hover.y} items={hover.items} session={session} />}
    </div>
  );
}

function describeLabel(describe: DescribeTag, tagId: string): { label: string; color: string } {
  const tag = describe(tagId);
  return { label: tag.name, color: tag.color };
}

/**
 * Hides the highlights of filtered-out tags with one constructed stylesheet, instead of removing
 * and re-adding their decorations: a filter click costs one style recalculation, whatever the
 * number of annotations.
 */
function useHiddenTagStyles(hiddenTags: ReadonlySet<string>) {
  useEffect(() => {
    if (hiddenTags.size === 0 || typeof CSSStyleSheet === 'undefined') return;
    const sheet = new CSSStyleSheet();
    const selectors = [...hiddenTags].map(
      (id) => `.gl-article .gl-ann[data-tag-id="${CSS.escape(id)}"]`,
    );
    sheet.replaceSync(
      `${selectors.join(',\n')} { background: none; padding-bottom: 0; outline: none; }`,
    );
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [hiddenTags]);
}
