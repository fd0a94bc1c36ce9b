/**
 * Keeps the view in the URL (so any view is a link, and back/forward work) and in localStorage
 * (so the text survives a reload even from a bare URL). Browser-only; call `startSync()` once.
 */
import { tokensOf } from './derive';
import { DEFAULT_CHOICES, type Choices, type FinetuneChoices } from './state';
import { applyChoices, choicesOf, notify, store } from './store';
import { formatUrl, parseUrl } from './url';

const STORAGE_KEY = 'glm-infill-lab:choices';
const URL_KEYS = ['text', 'spans', 'order', 'objective', 'seed', 'cls', 'tok', 'base', 'lang', 'theme', 'layout'];

const count = (text: string, cls: boolean, tokenizer: 'model' | 'words') => tokensOf(text, cls, tokenizer).length;

/** The fine-tuning choices if `v` has their shape (strings, at least one verbalizer row), else null. */
function finetuneOf(v: unknown): FinetuneChoices | null {
  if (typeof v !== 'object' || v === null) return null;
  const f = v as Record<string, unknown>;
  const str = (x: unknown): x is string => typeof x === 'string';
  if (!str(f.template) || !str(f.sentence) || !str(f.context) || !Array.isArray(f.verbalizer)) return null;
  const rows = f.verbalizer as unknown[];
  if (rows.length === 0) return null;
  const ok = rows.every((r) => typeof r === 'object' && r !== null && str((r as Record<string, unknown>).label) && str((r as Record<string, unknown>).word));
  if (!ok) return null;
  return {
    template: f.template,
    sentence: f.sentence,
    context: f.context,
    verbalizer: (rows as { label: string; word: string }[]).map(({ label, word }) => ({ label, word })),
  };
}

/** Reads stored choices, ignoring anything malformed. */
export function readStored(storage: Pick<Storage, 'getItem'>): Partial<Choices> | null {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const imported = (parsed as Partial<Choices>).imported;
    const hasImport = !!imported && Array.isArray(imported.tokens) && !!imported.batch && !!imported.saved;
    // Re-read through the URL codec so stored state gets the same checks as a link. While a batch
    // is imported, the spans index its tokens, not the typed text's.
    const { choices } = parseUrl(
      formatUrl({ ...DEFAULT_CHOICES, ...(parsed as Partial<Choices>) }),
      hasImport ? () => imported.tokens.length : count,
    );
    if (hasImport) choices.imported = imported;
    const sampler = (parsed as Partial<Choices>).sampler;
    if (sampler && Number.isFinite(sampler.ratio) && Number.isFinite(sampler.lambda)) choices.sampler = sampler;
    const finetune = finetuneOf((parsed as Partial<Choices>).finetune);
    if (finetune) choices.finetune = finetune;
    return choices;
  } catch {
    return null;
  }
}

/** True when `search` names exactly the view `stored` holds (a reload, not another link). */
function sameView(search: URLSearchParams, stored: Partial<Choices>): boolean {
  const mine = new URLSearchParams(formatUrl({ ...DEFAULT_CHOICES, ...stored }));
  return URL_KEYS.every((k) => search.get(k) === mine.get(k));
}

/**
 * Loads the view from the URL if it names one, else from storage; reports what was dropped.
 * Storage also holds what links do not carry: the sampler settings and the fine-tuning panel's
 * choices (kept whatever the link), and an imported batch (kept only on a reload of its own view:
 * a colleague's link shows their view, not the batch you imported).
 */
export function loadInitial(search: string, storage: Pick<Storage, 'getItem'> | null): void {
  const q = new URLSearchParams(search);
  const stored = storage ? readStored(storage) : null;
  if (URL_KEYS.some((k) => q.has(k))) {
    if (stored && sameView(q, stored)) {
      applyChoices(stored);
      return;
    }
    const { choices, dropped } = parseUrl(search, count);
    const personal: Partial<Choices> = {};
    if (stored?.sampler) personal.sampler = stored.sampler;
    if (stored?.finetune) personal.finetune = stored.finetune;
    applyChoices({ ...choices, ...personal });
    if (dropped.length) notify('warning', { key: 'notice.linkDropped', vars: { parts: dropped } });
    return;
  }
  if (stored) applyChoices(stored);
}

let started = false;

export function startSync(win: Window = window): () => void {
  if (started) return () => {};
  started = true;
  let storage: Storage | null = null;
  try {
    storage = win.localStorage;
  } catch {
    storage = null;
  }
  loadInitial(win.location.search, storage);
  let last = formatUrl(choicesOf(store.getState()));
  let lastText = store.getState().text;
  let lastStored = JSON.stringify(choicesOf(store.getState()));
  win.history.replaceState(null, '', `?${last}${win.location.hash}`);
  let timer: ReturnType<typeof setTimeout> | null = null;

  const write = () => {
    timer = null;
    const s = store.getState();
    const next = formatUrl(choicesOf(s));
    const json = JSON.stringify(choicesOf(s));
    // Some choices (the sampler, the fine-tuning panel) are stored but not in the URL.
    if (next === last && json === lastStored) return;
    if (next !== last) {
      // Typing replaces the entry; any other change is a step back/forward can return to.
      const onlyText = formatUrl({ ...choicesOf(s), text: lastText }) === last;
      if (onlyText) win.history.replaceState(null, '', `?${next}`);
      else win.history.pushState(null, '', `?${next}`);
      last = next;
      lastText = s.text;
    }
    lastStored = json;
    try {
      // A huge imported batch is not worth filling storage with: keep the rest.
      storage?.setItem(STORAGE_KEY, json.length < 2_000_000 ? json : JSON.stringify({ ...choicesOf(s), imported: null }));
    } catch {
      /* storage full or blocked: the URL still has the view */
    }
  };
  const unsub = store.subscribe((s, prev) => {
    const a = choicesOf(s) as unknown as Record<string, unknown>;
    const b = choicesOf(prev) as unknown as Record<string, unknown>;
    if (Object.keys(a).every((key) => a[key] === b[key])) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(write, 250);
  });
  const onPop = () => {
    const { choices, dropped } = parseUrl(win.location.search, count);
    last = win.location.search.replace(/^\?/, '');
    lastText = choices.text ?? lastText;
    // Back/forward moves between views; the sampler settings and the fine-tuning panel keep
    // what the user set there.
    const { sampler, finetune } = store.getState();
    applyChoices({ ...DEFAULT_CHOICES, sampler, finetune, ...choices });
    if (dropped.length) notify('warning', { key: 'notice.linkDropped', vars: { parts: dropped } });
  };
  win.addEventListener('popstate', onPop);
  const onUnload = () => write();
  win.addEventListener('pagehide', onUnload);
  return () => {
    unsub();
    win.removeEventListener('popstate', onPop);
    win.removeEventListener('pagehide', onUnload);
    started = false;
  };
}
