import { Header } from './Header';

/** The app shell: the header, and a main area that the panels fill. */
export function App() {
  return (
    <div className="app">
      <Header />
      <main className="app-main" aria-label="GLM infilling panels">
        {/* Panels (Text, Spans, Part A, Part B, Positions, Mask, ...) go here. */}
      </main>
    </div>
  );
}
