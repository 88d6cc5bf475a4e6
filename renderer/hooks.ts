import { useEffect, useRef, useState } from 'react';

/** Whether a keyboard event comes from a field the user types into (where shortcuts stay off). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return false; // The article is contenteditable but read-only.
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file'].includes(type);
}

/** Whether the platform's command key is Cmd (macOS) rather than Ctrl. */
export const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** The "Paste as new document" shortcut as this platform writes it. */
export const PASTE_SHORTCUT = IS_MAC ? '⇧⌘V' : 'Ctrl+Shift+V';

/** True for Ctrl (or Cmd on macOS) without Alt. */
export function isCommand(event: KeyboardEvent): boolean {
  return (IS_MAC ? event.metaKey : event.ctrlKey) && !event.altKey;
}

/**
 * What was dropped: the entries of the drop (files and folders, to walk) when the platform gives
 * them, else just the files.
 */
export type Dropped = { entries: FileSystemEntry[]; files: File[] };

/**
 * Listens for files (and folders) dragged over the window and dropped anywhere on it. Returns
 * whether files are being dragged over the window right now, to show the drop overlay.
 */
export function useFileDrop(onDrop: (dropped: Dropped) => void): boolean {
  const [dragging, setDragging] = useState(false);
  const latest = useRef(onDrop);
  useEffect(() => {
    latest.current = onDrop;
  }, [onDrop]);

  useEffect(() => {
    // dragenter/dragleave fire for every child element crossed: count them.
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      // Without this the browser (or Electron) would open the file instead of dropping it here.
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      // Entries must be taken now: the drop's data is gone once this handler returns.
      const items = Array.from(e.dataTransfer?.items ?? []).filter((i) => i.kind === 'file');
      const entries = items.map((i) => i.webkitGetAsEntry?.() ?? null);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (entries.length && entries.every((entry) => entry !== null)) {
        latest.current({ entries: entries as FileSystemEntry[], files: [] });
      } else if (files.length) {
        latest.current({ entries: [], files });
      }
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return dragging;
}

/** A ref that always holds the latest value, for handlers registered once. */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}
