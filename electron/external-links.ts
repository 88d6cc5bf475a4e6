/**
 * The only way a link leaves Gloss: an http(s) URL, confirmed by the user in a native dialog,
 * then handed to the system browser with shell.openExternal. Links in an imported article may
 * point anywhere, and analysts often must not touch a source's server by accident.
 */
import { dialog, shell, type BrowserWindow } from 'electron';
import { linkPrompt, OPEN_BUTTON } from './link-prompt';

/** One question at a time: a page that asks again and again gets no queue of dialogs. */
let asking = false;

/** Asks, then opens; true when the link was opened. */
export async function confirmAndOpenExternal(
  url: unknown,
  window: BrowserWindow | null,
): Promise<boolean> {
  const prompt = linkPrompt(url);
  if (!prompt || asking) return false;
  asking = true;
  try {
    const { response } =
      window && !window.isDestroyed()
        ? await dialog.showMessageBox(window, prompt.options)
        : await dialog.showMessageBox(prompt.options);
    if (response !== OPEN_BUTTON) return false;
    await shell.openExternal(prompt.href); // eng-disable OPEN_EXTERNAL_JS_CHECK: an http(s) URL without credentials (linkPrompt), opened only after the user confirmed it
    return true;
  } finally {
    asking = false;
  }
}
