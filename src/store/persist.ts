/**
 * Keeps the view in the URL (so any view is a link, and back/forward work) and in localStorage
 * (so the text survives a reload even from a bare URL). A long text travels compressed in the
 * fragment, a very long one only in storage (`link.ts`). Browser-only; call `startSync()` once.
 */
import { tokensOf } from './derive';
import { DEFAULT_CHOICES, LANG_DEFAULTS, type Choices, type FinetuneChoices } from './state';
import { applyChoices, choicesOf, notify, store } from './store';
import type { Msg } from '../i18n/msg';
import { formatLink, fragmentMsg, searchWithText } from './link';
import { formatUrl, parseUrl } from './url';

const STORAGE_KEY = 'glm-infill-lab:choices';
const URL_KEYS = ['text', 'spans', 'order', 'objective', 'seed', 'cls', 'tok', 'base', 'lang', 'theme', 'layout', 'long'];

/** The link of a view as one string (query and fragment), to compare and to write. */
const linkString = (c: Choices) => {
  const l = formatLink(c);
  return l.hash ? `?${l.search}#${l.hash}` : `?${l.search}`;
};

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

/** True when `search` (text put back from the fragment) names exactly the view `stored` holds (a reload, not another link). */
function sameView(search: URLSearchParams, stored: Partial<Choices>): boolean {
  const l = formatLink({ ...DEFAULT_CHOICES, ...stored });
  const mine = new URLSearchParams(searchWithText(l.search, l.hash).search);
  return URL_KEYS.every((k) => search.get(k) === mine.get(k));
}

/** A byte that does not decode is an error (it stays until dismissed); other dropped parts warn. */
function severity(dropped: Msg[]): 'error' | 'warning' {
  return dropped.some((m) => m.key === 'url.badByte' || m.key === 'url.badEscape') ? 'error' : 'warning';
}

/** True when `m` says the link's text (`?text=`, `&text=`, `#text=`) was left out. */
function textDropped(m: Msg): boolean {
  return (m.key === 'url.badByte' || m.key === 'url.badEscape') && String(m.vars?.where ?? '').endsWith('text=');
}

/**
 * Loads the view from the URL if it names one, else from storage; reports what was dropped.
 * Storage also holds what links do not carry: the sampler settings and the fine-tuning panel's
 * choices (kept whatever the link), and an imported batch (kept only on a reload of its own view:
 * a colleague's link shows their view, not the batch you imported).
 */
export function loadInitial(search: string, storage: Pick<Storage, 'getItem'> | null, hash = ''): void {
  const { search: full, fragment } = searchWithText(search, hash);
  const q = new URLSearchParams(full);
  const stored = storage ? readStored(storage) : null;
  if (URL_KEYS.some((k) => q.has(k)) || fragmentMsg(fragment)) {
    if (stored && sameView(q, stored)) {
      applyChoices(stored);
      return;
    }
    const { choices, dropped } = parseUrl(full, count);
    // A link that names only the language (and theme), such as ?lang=zh, opens that language's
    // opening view read by the model's tokenizer, or the user's own stored text in that language.
    if (choices.lang && [...q.keys()].every((k) => k === 'lang' || k === 'theme') && !dropped.length) {
      const own = stored && !Object.values(LANG_DEFAULTS).some((d) => d.text === stored.text) ? stored : null;
      const look = { lang: choices.lang, ...(choices.theme ? { theme: choices.theme } : {}) };
      applyChoices(own ? { ...own, ...look } : { ...(stored ?? {}), ...LANG_DEFAULTS[choices.lang], tokenizer: 'model', cls: true, layout: 'block', imported: null, ...look });
      return;
    }
    const fm = fragmentMsg(fragment);
    if (fm) dropped.unshift(fm);
    // A link made for a text too long to travel: the text stayed in the browser that made it.
    if (q.get('long') === '1' && !q.has('text')) dropped.unshift({ key: 'url.textLocal' });
    const personal: Partial<Choices> = {};
    // The link's text could not be read: the user's own stored text stays on screen, not the default.
    if (choices.text === undefined && stored?.text !== undefined && (fm || dropped.some(textDropped))) {
      personal.text = stored.text;
      if (stored.spans) personal.spans = stored.spans;
      if (stored.order) personal.order = stored.order;
    }
    if (stored?.sampler) personal.sampler = stored.sampler;
    if (stored?.finetune) personal.finetune = stored.finetune;
    applyChoices({ ...choices, ...personal });
    if (dropped.length) notify(severity(dropped), { key: 'notice.linkDropped', vars: { parts: dropped } });
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
  loadInitial(win.location.search, storage, win.location.hash);
  let last = linkString(choicesOf(store.getState()));
  let lastText = store.getState().text;
  let lastStored = JSON.stringify(choicesOf(store.getState()));
  win.history.replaceState(null, '', last);
  let timer: ReturnType<typeof setTimeout> | null = null;

  const write = () => {
    timer = null;
    const s = store.getState();
    const next = linkString(choicesOf(s));
    const json = JSON.stringify(choicesOf(s));
    // Some choices (the sampler, the fine-tuning panel) are stored but not in the URL.
    if (next === last && json === lastStored) return;
    if (next !== last) {
      // Typing replaces the entry; any other change is a step back/forward can return to.
      const onlyText = linkString({ ...choicesOf(s), text: lastText }) === last;
      if (onlyText) win.history.replaceState(null, '', next);
      else win.history.pushState(null, '', next);
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
    const { search } = searchWithText(win.location.search, win.location.hash);
    const { choices, dropped } = parseUrl(search, count);
    last = `${win.location.search}${win.location.hash}`;
    lastText = choices.text ?? lastText;
    // Back/forward moves between views; the sampler settings and the fine-tuning panel keep
    // what the user set there.
    const { sampler, finetune } = store.getState();
    applyChoices({ ...DEFAULT_CHOICES, sampler, finetune, ...choices });
    if (dropped.length) notify(severity(dropped), { key: 'notice.linkDropped', vars: { parts: dropped } });
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
