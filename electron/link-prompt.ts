/**
 * The question Gloss asks before a link leaves the app. Kept apart from Electron's dialog so that
 * its wording and its safe default can be tested in plain Node.
 */
import { externalLinkTarget } from '../core/security';

export interface LinkPrompt {
  href: string;
  options: {
    type: 'question';
    buttons: string[];
    defaultId: number;
    cancelId: number;
    noLink: boolean;
    title: string;
    message: string;
    detail: string;
  };
}

/** The button that opens the link; every other answer (Escape, closing the box) cancels. */
export const OPEN_BUTTON = 0;

/** The confirmation to show for `url`, or null when it is not a link Gloss will ever open. */
export function linkPrompt(url: unknown): LinkPrompt | null {
  const href = externalLinkTarget(url);
  if (!href) return null;
  const host = new URL(href).host;
  return {
    href,
    options: {
      type: 'question',
      buttons: ['Open in Browser', 'Cancel'],
      // Enter cancels: opening must be a deliberate choice, not a reflex.
      defaultId: 1,
      cancelId: 1,
      noLink: true,
      title: 'Open Link',
      message: `Open ${host} in your web browser?`,
      detail: `${href}\n\nThe site will see your network address, and that you visited it.`,
    },
  };
}
