import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyDocumentAttributes } from './app/useDocumentAttributes';
import { startSync, store } from './store';
import { notify, setModelTokenizer } from './store';
import { loadTokenizer } from './model/tokenizer';
import './app/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The model's tokenizer is a small JSON file served with the app; spans in links count its
// tokens, so it is registered before the URL is read. If it fails, words stand in (and we say so).
try {
  setModelTokenizer(await loadTokenizer(`${import.meta.env.BASE_URL}models/tokenizer.json`));
} catch (e) {
  console.warn('model tokenizer unavailable:', e);
}
// Read the view from the URL (or localStorage) before the first render, then keep them in sync.
startSync();
if (store.getState().tokenizer === 'model' && !(await import('./store')).hasModelTokenizer()) {
  notify('warning', { key: 'notice.tokenizerMissing' });
}
applyDocumentAttributes(store.getState().theme, store.getState().lang);

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
