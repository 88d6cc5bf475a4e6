import type { KeyboardEvent as ReactKeyboardEvent, RefObject } from 'react';

/** A filter box above a list of rows whose open buttons `rowSelector` finds. */
export interface FilteredList {
  filterRef: RefObject<HTMLInputElement | null>;
  listRef: RefObject<HTMLUListElement | null>;
  rowSelector: string;
  filter: string;
  clearFilter: () => void;
  /** Opens the first row shown, if there is one. */
  openFirst: () => void;
}

/**
 * The keys of a filtered list (the library, the entities), the same in both so the hands learn
 * them once: in the filter Enter opens the first row, ↓ moves into the list and Escape clears the
 * filter; in the list ↑/↓ move between rows, and ↑ on the first goes back to the filter.
 */
export function filteredListKeys(list: FilteredList) {
  function focusRow(index: number) {
    const buttons = list.listRef.current?.querySelectorAll<HTMLButtonElement>(list.rowSelector);
    if (!buttons?.length) return;
    buttons[Math.max(0, Math.min(buttons.length - 1, index))]?.focus();
  }

  function onFilterKey(event: ReactKeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') list.openFirst();
    else if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusRow(0);
    } else if (event.key === 'Escape' && list.filter) list.clearFilter();
  }

  function onListKey(event: ReactKeyboardEvent<HTMLUListElement>) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = Array.from(list.listRef.current?.querySelectorAll(list.rowSelector) ?? []);
    const index = buttons.indexOf(document.activeElement as Element);
    if (index === -1) return;
    event.preventDefault();
    if (event.key === 'ArrowUp' && index === 0) list.filterRef.current?.focus();
    else focusRow(index + (event.key === 'ArrowDown' ? 1 : -1));
  }

  return { onFilterKey, onListKey };
}
