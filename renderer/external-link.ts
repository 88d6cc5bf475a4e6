/**
 * Opening a link of an article outside Gloss. Only http(s) addresses qualify (core/security.ts),
 * and only after the user confirms: in the desktop app the main process asks with a native
 * dialog (the page cannot open anything itself), in browser mode the page asks, then opens a new
 * tab that gets neither an opener nor a referrer.
 */
import { externalLinkTarget } from '../core/security';
import type { DesktopShell } from '../core/shell';

/** Ctrl+click (Cmd+click on macOS) with the main button: a plain click selects text as usual. */
export function isOpenLinkClick(event: MouseEvent): boolean {
  return event.button === 0 && (event.ctrlKey || event.metaKey) && !event.altKey;
}

/** Offers to open `href`; true when it was opened. Never throws. */
export async function openExternalLink(href: string, win: Window = window): Promise<boolean> {
  const target = externalLinkTarget(href);
  if (!target) return false;
  // The preload's own object: in the app, the main process decides and asks.
  const shell = (win as unknown as { glossShell?: DesktopShell }).glossShell;
  if (shell) {
    try {
      return (await shell.openLink?.(target)) ?? false;
    } catch {
      return false;
    }
  }
  const host = new URL(target).host;
  const question =
    `Open ${host} in a new tab?\n\n${target}\n\n` +
    'The site will see your network address, and that you visited it.';
  if (!win.confirm(question)) return false;
  win.open(target, '_blank', 'noopener,noreferrer');
  return true;
}
