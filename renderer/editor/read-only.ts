import { Plugin } from 'prosemirror-state';
import { isEditing } from './edit-mode';

/** Keys that would edit the text if the browser handled them in a contenteditable. */
const EDITING_KEYS = new Set(['Enter', 'Backspace', 'Delete']);

/**
 * Keeps the article read-only while leaving the view editable, so that it still takes a caret,
 * arrow-key and shift+arrow selection and focus like a text field. Every layer that could change
 * the text is closed: transactions that change the document are dropped, and typing, pasting,
 * dropping, cutting and the browser's own editing commands (beforeinput) are cancelled before
 * they touch the DOM. In "Edit text" mode (edit-mode.ts) all of it steps aside, except drops.
 */
export function readOnlyPlugin(): Plugin {
  return new Plugin({
    filterTransaction: (tr, state) => !tr.docChanged || isEditing(state),
    props: {
      handleTextInput: (view) => !isEditing(view.state),
      handlePaste: (view) => !isEditing(view.state),
      // Cancels a drop of text into the article, even while editing (a drop would bring in
      // whatever markup it carries); a drop of files still bubbles to the window, which imports.
      handleDrop: () => true,
      handleKeyDown: (view, event) => {
        if (isEditing(view.state)) return false;
        if (EDITING_KEYS.has(event.key)) return true;
        // A printable key without a command modifier would type; shortcuts (Ctrl+C, Ctrl+A,
        // Ctrl+Z handled by the app) pass through.
        return event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
      },
      handleDOMEvents: {
        beforeinput: (view, event) => {
          if (isEditing(view.state)) return false;
          // Composition (IME) input cannot be cancelled; the transaction filter catches it.
          if (event.cancelable) event.preventDefault();
          return true;
        },
        cut: (view, event) => {
          if (isEditing(view.state)) return false;
          event.preventDefault();
          return true;
        },
      },
    },
  });
}
