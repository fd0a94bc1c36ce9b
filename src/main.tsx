import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyDocumentAttributes } from './app/useDocumentAttributes';
import { startSync, store } from './store';
import './app/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Read the view from the URL (or localStorage) before the first render, then keep them in sync.
startSync();
applyDocumentAttributes(store.getState().theme, store.getState().lang);

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
