/**
 * Browser mode without an access token: the page was opened directly rather than through the
 * address `npm run web` printed, which carries the token in its #fragment.
 */
export function NoTokenScreen({ expired = false }: { expired?: boolean }) {
  return (
    <main className="splash">
      <h1 className="splash-title">Gloss</h1>
      <div className="splash-card" role="alert">
        <h2 className="splash-heading">
          {expired ? 'This address has expired' : 'Open Gloss from the address it printed'}
        </h2>
        <p>
          This page needs the access token that <code>npm run web</code> printed in your terminal.
          Open the full address shown there — it ends with <code>#token=…</code> — in this browser.
        </p>
        <p className="muted">
          The token keeps other programs on this computer from reading your project.{' '}
          {expired
            ? 'The server was restarted since this tab opened, and printed a new address.'
            : 'If the server was restarted, it printed a new address.'}
        </p>
      </div>
    </main>
  );
}
