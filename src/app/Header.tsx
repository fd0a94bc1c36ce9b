/** The app's banner: its name and what it shows, in one line. */
export function Header() {
  return (
    <header className="app-header">
      <h1 className="app-title">GLM Infill Lab</h1>
      <p className="app-tagline">
        Watch GLM blank out spans, shuffle them, and fill them back in — one token at a time.
      </p>
    </header>
  );
}
