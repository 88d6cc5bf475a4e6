import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { SearchHit, SearchSnippet } from '../../core/api-notes';
import { errorMessage, useApp } from '../app-context';
import { markdownToPlainText } from '../markdown-lite';
import { isCommand, IS_MAC, useLatest } from '../hooks';
import { requestReveal } from '../reveal-intent';
import { Dialog } from './Dialog';
import { SearchIcon } from './icons';
import { PickList } from './PickList';
import type { PickOption } from './PickList';
import { shorten } from './RelationsSection';
import { TagSwatch } from './TagSwatch';

/** The shortcut that opens search, as this platform writes it. */
export const SEARCH_SHORTCUT = IS_MAC ? '⇧⌘F' : 'Ctrl+Shift+F';

/** Typing pauses this long before a search runs. */
const SEARCH_DELAY_MS = 150;

const FIELD_NAMES: Record<SearchHit['field'], string> = {
  quote: 'quote',
  note: 'note',
  memo: 'memo',
  title: 'title',
  author: 'author',
  outlet: 'outlet',
};

/**
 * Searches the whole project — annotation quotes and notes, memos, document titles, authors and
 * outlets — as you type, ignoring case and accents ("zurich" finds "Zürich", "еще" finds "ещё").
 * ↑/↓ choose a hit, Enter opens its document at the span (or its memos).
 */
export function SearchView({
  onClose,
  currentDocumentId,
  openLibrary,
}: {
  onClose: () => void;
  /** The document open in the reader, if any: a hit in it is revealed without reopening. */
  currentDocumentId: string | null;
  /** Goes to the library (for a project memo). */
  openLibrary: () => void;
}) {
  const { api, tagById, openDocument, openAnnotation } = useApp();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{
    query: string;
    hits: SearchHit[];
    more: boolean;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const trimmed = query.trim();

  useEffect(() => {
    if (!trimmed) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      api.search({ query: trimmed }).then(
        ({ hits, more }) => {
          if (cancelled) return;
          setResult({ query: trimmed, hits, more });
          setError(null);
        },
        (e: unknown) => !cancelled && setError(errorMessage(e)),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, trimmed]);

  const current = trimmed && result?.query === trimmed ? result : null;
  const hits = trimmed ? (current?.hits ?? result?.hits ?? []) : [];

  function open(hit: SearchHit) {
    onClose();
    if (hit.kind === 'memo' && hit.documentId === null) {
      requestReveal({ documentId: null, memoId: hit.id });
      if (currentDocumentId !== null) openLibrary();
      return;
    }
    const documentId = hit.documentId!;
    const here = documentId === currentDocumentId;
    if (hit.kind === 'annotation') {
      if (here) requestReveal({ documentId, annotationId: hit.id });
      else openAnnotation(documentId, hit.id);
      return;
    }
    if (hit.kind === 'memo') requestReveal({ documentId, memoId: hit.id });
    if (!here) openDocument(documentId);
  }

  const options: PickOption[] = hits.map((shown) => {
    // Notes and memos are written in a small Markdown: show their words, not the asterisks.
    const hit =
      shown.field === 'note' || shown.field === 'memo'
        ? { ...shown, snippet: plainSnippet(shown.snippet) }
        : shown;
    const tag = hit.annotation ? tagById.get(hit.annotation.tagId) : undefined;
    const kind =
      hit.kind === 'annotation'
        ? (tag?.name ?? 'Annotation')
        : hit.kind === 'memo'
          ? 'Memo'
          : 'Document';
    const where = hit.documentTitle ?? 'Project memo';
    return {
      key: `${hit.kind}-${hit.id}`,
      label: `${kind}, ${FIELD_NAMES[hit.field]}: ${hit.snippet.text} — ${where}`,
      content: (
        <span className="search-hit">
          <span className="search-hit-kind">
            {tag && <TagSwatch color={tag.color} />}
            {kind}
            {hit.kind !== 'document' || hit.field !== 'title' ? (
              <span className="search-hit-field"> · {FIELD_NAMES[hit.field]}</span>
            ) : null}
          </span>
          <span className="search-hit-snippet">
            <Snippet snippet={hit.snippet} />
          </span>
          <span className="search-hit-doc">{shorten(where, 80)}</span>
        </span>
      ),
    };
  });

  let status: ReactNode = 'Words and "quoted phrases"; case and accents are ignored.';
  if (error) status = error;
  else if (trimmed && !current) status = 'Searching…';
  else if (current) {
    const n = current.hits.length;
    status =
      n === 0
        ? `Nothing matches “${trimmed}”.`
        : `${n}${current.more ? '+' : ''} ${n === 1 ? 'hit' : 'hits'}, best first. Enter opens.`;
  }

  return (
    <Dialog open title="Search the project" onClose={onClose} className="dialog-search">
      <PickList
        label="Search the project"
        placeholder="Search quotes, notes, memos, titles…"
        query={query}
        onQuery={setQuery}
        groups={[{ heading: null, options }]}
        onPick={(key) => {
          const hit = hits.find((h) => `${h.kind}-${h.id}` === key);
          if (hit) open(hit);
        }}
        status={status}
      />
    </Dialog>
  );
}

/** A snippet with its matches marked; the ranges are code points into the plain text. */
export function Snippet({ snippet }: { snippet: SearchSnippet }) {
  const chars = Array.from(snippet.text);
  const parts: ReactNode[] = [];
  let at = 0;
  snippet.matches.forEach((match, i) => {
    if (match.start < at || match.end > chars.length) return;
    if (match.start > at) parts.push(chars.slice(at, match.start).join(''));
    parts.push(<mark key={i}>{chars.slice(match.start, match.end).join('')}</mark>);
    at = match.end;
  });
  if (at < chars.length) parts.push(chars.slice(at).join(''));
  return <>{parts}</>;
}

/**
 * A snippet of Markdown as the words it shows (markdownToPlainText), its matches moved along:
 * the plain text is the source with the markup left out (and "-" bullets drawn "•"), so each
 * source character either lines up with the next plain one or was markup. A snippet that does
 * not line up so (it never should) is shown as it came.
 */
export function plainSnippet(snippet: SearchSnippet): SearchSnippet {
  const source = Array.from(snippet.text);
  const plain = Array.from(markdownToPlainText(snippet.text));
  const toPlain: number[] = [];
  let j = 0;
  for (const char of source) {
    const next = plain[j];
    const same = next !== undefined && (char === next || (next === '•' && /[-*+]/.test(char)));
    toPlain.push(same ? j++ : -1);
  }
  if (j !== plain.length) return snippet;
  const matches: SearchSnippet['matches'] = [];
  for (const { start, end } of snippet.matches) {
    const kept = toPlain.slice(start, end).filter((k) => k >= 0);
    if (kept.length) matches.push({ start: kept[0]!, end: kept[kept.length - 1]! + 1 });
  }
  return { text: plain.join(''), matches };
}

/** The mouse twin of Ctrl+Shift+F, for the top bars. */
export function SearchButton() {
  const { openSearch } = useApp();
  return (
    <button
      type="button"
      className="icon-button"
      aria-label="Search the project"
      title={`Search quotes, notes, memos and titles (${SEARCH_SHORTCUT})`}
      onClick={openSearch}
    >
      <SearchIcon />
    </button>
  );
}

/** Ctrl/Cmd+Shift+F opens search, from any view (not over another dialog). */
export function useSearchShortcut(open: () => void) {
  const openRef = useLatest(open);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isCommand(event) || !event.shiftKey || event.key.toLowerCase() !== 'f') return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      openRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openRef]);
}
