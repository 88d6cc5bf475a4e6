/**
 * The security policy of every page Gloss serves, the same in browser mode and in Electron: the
 * renderer shows text from hostile sources, so no inline or foreign script may run and nothing may
 * be fetched from anywhere but the app itself.
 */

/** The Content-Security-Policy of every page Gloss serves, in browser mode and in Electron. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  // No frames: an article cannot smuggle another page in, even an about:blank one with srcdoc.
  "frame-src 'none'",
  "child-src 'none'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every response, whatever it is. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** Longest link Gloss offers to open in the browser; longer ones are refused, not truncated. */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * The address to offer to open in the user's web browser, normalised, or null when it must not
 * be opened at all. Only absolute http and https URLs qualify: never javascript:, file:, data:,
 * app: or a custom scheme that would start another program, never a URL with a user name or
 * password in it (`https://bank.example@evil.example` is a classic disguise), never one with
 * control characters, which the URL parser would silently drop from what the user is shown.
 */
export function externalLinkTarget(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  const trimmed = href.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_EXTERNAL_URL_LENGTH) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
}
