/**
 * A panel as a standalone SVG: the section cloned inside an SVG `<foreignObject>`, as it is drawn
 * now but without its chrome (buttons, form fields, hints: CHROME) and cropped to what is left.
 * Each element keeps only the computed styles that differ from what it would get anyway (the
 * browser's default for its tag, or, for inherited properties, its parent's), written once per
 * distinct set as a class in one `<style>` block: a small panel is tens of kilobytes, not megabytes.
 * Canvases become images, form values are written out, `::before`/`::after` text becomes spans.
 */
import { esc } from './xml';

/**
 * What a picture of a panel leaves out: the controls and the hints about using them. A panel marks
 * anything else to leave out with `data-export="skip"`.
 */
export const CHROME: readonly string[] = [
  '.button',
  'form',
  'input',
  'select',
  'textarea',
  'label:has(> input, > select, > textarea)',
  'label[for]',
  'fieldset.segmented',
  '.field',
  '.field-hint',
  '.panel-actions',
  '[data-export="skip"]',
];

/** Is `el` chrome? (Each selector on its own: one a browser does not know leaves the others working.) */
function isChrome(el: Element): boolean {
  return CHROME.some((sel) => {
    try {
      return el.matches(sel);
    } catch {
      return false;
    }
  });
}

/** Space kept around the content when cropping (CSS px). */
const CROP_PAD = 16;

/** Properties children inherit (a child that has its parent's value needs no declaration of its own). */
const INHERITED = new Set([
  'border-collapse', 'border-spacing', 'caption-side', 'color', 'color-scheme', 'cursor', 'direction', 'empty-cells',
  'font-family', 'font-feature-settings', 'font-kerning', 'font-optical-sizing', 'font-size', 'font-size-adjust',
  'font-stretch', 'font-style', 'font-synthesis-small-caps', 'font-synthesis-style', 'font-synthesis-weight',
  'font-variant', 'font-variant-alternates', 'font-variant-caps', 'font-variant-east-asian', 'font-variant-ligatures',
  'font-variant-numeric', 'font-variant-position', 'font-variation-settings', 'font-weight', 'font-palette',
  'hyphens', 'letter-spacing', 'line-break', 'line-height', 'list-style-image', 'list-style-position',
  'list-style-type', 'orphans', 'overflow-wrap', 'paint-order', 'pointer-events', 'quotes', 'tab-size',
  'text-align', 'text-align-last', 'text-anchor', 'text-indent', 'text-rendering', 'text-shadow',
  'text-size-adjust', 'text-transform', 'text-underline-position', 'text-wrap', 'text-wrap-mode', 'text-wrap-style',
  'visibility', 'white-space', 'white-space-collapse', 'widows', 'word-break', 'word-spacing', 'writing-mode',
  'text-orientation', 'text-emphasis-color', 'text-emphasis-position', 'text-emphasis-style', 'ruby-position',
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-linecap',
  'stroke-linejoin', 'stroke-miterlimit', 'stroke-opacity', 'stroke-width', 'clip-rule', 'color-interpolation',
  'color-interpolation-filters', 'color-rendering', 'shape-rendering', 'image-rendering', 'marker-start',
  'marker-mid', 'marker-end', 'dominant-baseline', 'print-color-adjust', 'forced-color-adjust',
  '-webkit-text-fill-color', '-webkit-text-stroke-color', '-webkit-text-stroke-width', '-webkit-border-horizontal-spacing',
  '-webkit-border-vertical-spacing', '-webkit-locale', '-webkit-rtl-ordering', '-webkit-text-combine',
  '-webkit-text-security', '-webkit-user-modify', '-webkit-font-smoothing', '-webkit-hyphenate-character',
  '-webkit-line-break', '-webkit-tap-highlight-color', '-webkit-text-orientation', '-webkit-writing-mode',
  '-webkit-print-color-adjust', '-webkit-highlight',
]);

/** Properties a picture never needs (motion, interaction, rendering hints that could blank it). */
function useless(name: string): boolean {
  return (
    name.startsWith('transition') ||
    name.startsWith('animation') ||
    name === 'cursor' ||
    name === 'content-visibility' ||
    name.startsWith('contain') ||
    name === 'will-change' ||
    name === 'user-select' ||
    name === '-webkit-user-select' ||
    name === 'pointer-events' ||
    name === 'touch-action' ||
    name === 'scroll-behavior' ||
    name.startsWith('scroll-') ||
    name.startsWith('overscroll') ||
    name === 'view-transition-name' ||
    // Logical properties repeat the physical ones the browser also reports.
    /^(min-|max-)?(inline|block)-size$/.test(name) ||
    /^(margin|padding|inset|border|scroll-margin|scroll-padding)-(inline|block)/.test(name) ||
    /^border-(start|end)-(start|end)-radius$/.test(name) ||
    /^(contain-intrinsic|overflow)-(inline|block)/.test(name)
  );
}

/** Colours that default to the element's own colour (currentcolor). */
const CURRENT_COLOR = new Set([
  'border-top-color', 'border-right-color', 'border-bottom-color', 'border-left-color', 'outline-color',
  'text-decoration-color', 'column-rule-color', 'row-rule-color', 'text-emphasis-color',
  '-webkit-text-stroke-color', '-webkit-text-fill-color', 'caret-color',
]);

/** A declaration that changes nothing drawn, given the element's other computed values. */
function idle(name: string, value: string, cs: CSSStyleDeclaration): boolean {
  if (CURRENT_COLOR.has(name) && value === cs.color) return true;
  const side = /^border-(top|right|bottom|left)-(color|width)$/.exec(name);
  if (side && cs.getPropertyValue(`border-${side[1]}-style`) === 'none') return true;
  if ((name === 'outline-color' || name === 'outline-width' || name === 'outline-offset') && cs.outlineStyle === 'none') return true;
  if ((name === 'column-rule-color' || name === 'column-rule-width') && cs.getPropertyValue('column-rule-style') === 'none') return true;
  if (name === 'transform-origin' && cs.transform === 'none') return true;
  if (name === 'perspective-origin' && cs.perspective === 'none') return true;
  return name === 'caret-color' || name === 'scrollbar-color' || name === 'scrollbar-width' || name === 'scrollbar-gutter';
}

/** SVG geometry the element's attributes already carry (the computed style repeats it). */
const SVG_GEOMETRY = new Set(['d', 'x', 'y', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height']);

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * What an element of a given tag gets from the browser alone (in a bare document): its default
 * computed style, and which inherited properties the browser's own style sheet sets for the tag
 * (a `<table>`'s border-spacing, an `<h2>`'s font-size), which a clone gets whatever its parent has.
 */
interface TagDefaults {
  values: Map<string, string>;
  /** Inherited properties the browser sets for this tag (they differ from the bare body's). */
  own: Set<string>;
}

class Defaults {
  private frame: HTMLIFrameElement | null = null;
  private body: Map<string, string> | null = null;
  private cache = new Map<string, TagDefaults>();

  of(el: Element): TagDefaults {
    const key = `${el.namespaceURI}|${el.localName}`;
    let d = this.cache.get(key);
    if (d) return d;
    d = { values: new Map(), own: new Set() };
    const doc = this.doc();
    if (doc) {
      const svg = el.namespaceURI === SVG_NS && el.localName !== 'svg';
      const probe = svg ? doc.createElementNS(SVG_NS, el.localName) : doc.createElementNS(el.namespaceURI ?? 'http://www.w3.org/1999/xhtml', el.localName);
      const host = svg ? doc.createElementNS(SVG_NS, 'svg') : probe;
      if (svg) host.append(probe);
      doc.body.append(host);
      const view = doc.defaultView!;
      if (!this.body) {
        const bs = view.getComputedStyle(doc.body);
        this.body = new Map();
        for (let i = 0; i < bs.length; i++) this.body.set(bs[i]!, bs.getPropertyValue(bs[i]!));
      }
      const cs = view.getComputedStyle(probe);
      for (let i = 0; i < cs.length; i++) {
        const name = cs[i]!;
        const value = cs.getPropertyValue(name);
        d.values.set(name, value);
        if (INHERITED.has(name) && value !== this.body.get(name)) d.own.add(name);
      }
      host.remove();
    }
    this.cache.set(key, d);
    return d;
  }

  private doc(): Document | null {
    if (!this.frame) {
      this.frame = document.createElement('iframe');
      this.frame.setAttribute('aria-hidden', 'true');
      this.frame.tabIndex = -1;
      this.frame.style.cssText = 'position:fixed;left:-10000px;top:0;width:800px;height:600px;visibility:hidden;border:0';
      document.body.append(this.frame);
    }
    const doc = this.frame.contentDocument;
    if (doc && !doc.body) doc.documentElement.append(doc.createElement('body'));
    return doc;
  }

  dispose(): void {
    this.frame?.remove();
    this.frame = null;
  }
}

/** Writes each element's own styles as a class, one class per distinct set of declarations. */
class Styles {
  private classes = new Map<string, string>();
  constructor(private defaults: Defaults) {}

  /** The declarations `from` needs, given its parent's computed style (null at the root). */
  declarations(from: Element, cs: CSSStyleDeclaration, parent: CSSStyleDeclaration | null): string {
    const defaults = this.defaults.of(from);
    const svgChild = from.namespaceURI === SVG_NS && from.localName !== 'svg';
    const decl: string[] = [];
    for (let i = 0; i < cs.length; i++) {
      const name = cs[i]!;
      if (name.startsWith('--') || useless(name) || (svgChild && SVG_GEOMETRY.has(name))) continue;
      let value = cs.getPropertyValue(name);
      if (idle(name, value, cs)) continue;
      // A picture has no scrollbars: a scrolling box shows what it shows now.
      if ((name === 'overflow-x' || name === 'overflow-y') && (value === 'auto' || value === 'scroll')) value = 'hidden';
      // What the clone gets without a declaration: its parent's value for an inherited property
      // (unless the browser sets it for the tag), else the browser's default for the tag.
      const fromParent = parent && INHERITED.has(name) && !defaults.own.has(name);
      const given = fromParent ? parent.getPropertyValue(name) : defaults.values.get(name);
      if (value !== given) decl.push(`${name}:${value}`);
    }
    return decl.join(';');
  }

  classOf(decl: string): string {
    let c = this.classes.get(decl);
    if (!c) this.classes.set(decl, (c = `s${this.classes.size.toString(36)}`));
    return c;
  }

  sheet(): string {
    return [...this.classes].map(([decl, c]) => `.${c}{${decl}}`).join('');
  }
}

/** Attributes a picture keeps (what the clone's structure and SVG drawing need). */
function keepAttribute(el: Element, name: string): boolean {
  if (el.namespaceURI === SVG_NS) return name !== 'class' && name !== 'style' && !name.startsWith('aria-') && name !== 'tabindex' && name !== 'role';
  return ['src', 'alt', 'colspan', 'rowspan', 'value', 'checked', 'selected', 'width', 'height', 'dir', 'lang'].includes(name);
}

/** The text a `::before`/`::after` shows, when it is a plain string. */
function pseudoText(cs: CSSStyleDeclaration): string | null {
  const content = cs.getPropertyValue('content');
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(content);
  return m ? m[1]!.replace(/\\(.)/g, '$1') : null;
}

/** Walks `from` and its clone `to` in step: classes for styles, what a clone loses, chrome removed. */
function copyState(from: Element, to: Element, parent: CSSStyleDeclaration | null, styles: Styles): void {
  const cs = getComputedStyle(from);
  for (const a of [...to.attributes]) if (!keepAttribute(to, a.name)) to.removeAttribute(a.name);
  const decl = styles.declarations(from, cs, parent);
  if (decl) to.setAttribute('class', styles.classOf(decl));
  if (from instanceof HTMLCanvasElement) {
    const img = document.createElement('img');
    try {
      img.setAttribute('src', from.toDataURL('image/png'));
    } catch {
      /* a tainted canvas stays blank */
    }
    if (decl) img.setAttribute('class', styles.classOf(decl));
    img.setAttribute('alt', from.getAttribute('aria-label') ?? '');
    to.replaceWith(img);
    return;
  }
  if (from instanceof HTMLTextAreaElement) to.textContent = from.value;
  if (from instanceof HTMLInputElement) {
    to.setAttribute('value', from.value);
    if (from.checked) to.setAttribute('checked', '');
    else to.removeAttribute('checked');
  }
  if (from instanceof HTMLSelectElement) {
    [...to.querySelectorAll('option')].forEach((o, i) => {
      if (i === from.selectedIndex) o.setAttribute('selected', '');
      else o.removeAttribute('selected');
    });
  }
  if (from.namespaceURI !== SVG_NS) {
    for (const where of ['::before', '::after'] as const) {
      const ps = getComputedStyle(from, where);
      const text = pseudoText(ps);
      if (!text || ps.display === 'none') continue;
      const span = document.createElement('span');
      span.textContent = text;
      const d = styles.declarations(from, ps, cs).replace(/(^|;)content:[^;]*/, '');
      if (d) span.setAttribute('class', styles.classOf(d));
      pseudo.add(span);
      if (where === '::before') to.prepend(span);
      else to.append(span);
    }
  }
  // Walk the original children against their clones (the pseudo-element spans have no original).
  const a = [...from.children];
  const b = [...to.children].filter((e) => !pseudo.has(e));
  for (let i = 0; i < a.length && i < b.length; i++) {
    if (isChrome(a[i]!) || getComputedStyle(a[i]!).display === 'none') b[i]!.remove();
    else copyState(a[i]!, b[i]!, cs, styles);
  }
}

/** The spans standing for `::before`/`::after` in a clone. */
const pseudo = new WeakSet<Element>();

/** The background a snapshot needs: the element's own, else the nearest ancestor's, else white. */
function backgroundOf(el: Element): string {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return '#ffffff';
}

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const paints = (cs: CSSStyleDeclaration) =>
  (cs.backgroundColor !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(cs.backgroundColor)) ||
  cs.backgroundImage !== 'none' ||
  ['Top', 'Right', 'Bottom', 'Left'].some(
    (s) => parseFloat(cs.getPropertyValue(`border-${s.toLowerCase()}-width`)) > 0 && cs.getPropertyValue(`border-${s.toLowerCase()}-style`) !== 'none',
  );

/**
 * Where `el`'s visible content is (viewport px): its text, pictures and painted boxes, each cut to
 * the boxes that clip it; null when nothing is laid out (e.g. without layout, as in jsdom).
 */
export function contentBounds(el: HTMLElement): Rect | null {
  let box: Rect | null = null;
  const add = (r: DOMRect | Rect, clip: Rect) => {
    const left = Math.max(r.left, clip.left);
    const top = Math.max(r.top, clip.top);
    const right = Math.min(r.right, clip.right);
    const bottom = Math.min(r.bottom, clip.bottom);
    if (right - left < 0.5 || bottom - top < 0.5) return;
    box = box
      ? { left: Math.min(box.left, left), top: Math.min(box.top, top), right: Math.max(box.right, right), bottom: Math.max(box.bottom, bottom) }
      : { left, top, right, bottom };
  };
  const range = document.createRange();
  const walk = (node: Element, clip: Rect) => {
    const cs = getComputedStyle(node);
    if (cs.display === 'none' || (node !== el && isChrome(node))) return;
    const r = node.getBoundingClientRect();
    const clips = cs.overflowX !== 'visible' || cs.overflowY !== 'visible';
    if (clips && (r.width <= 1 || r.height <= 1)) return; // visually hidden (for screen readers only)
    const shown = cs.visibility !== 'hidden' && cs.opacity !== '0';
    if (node !== el && shown && (paints(cs) || /^(img|canvas|svg|video)$/.test(node.localName))) add(r, clip);
    if (node.localName === 'svg' || node.localName === 'canvas') return;
    const inner = clips
      ? { left: Math.max(clip.left, r.left), top: Math.max(clip.top, r.top), right: Math.min(clip.right, r.right), bottom: Math.min(clip.bottom, r.bottom) }
      : clip;
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        if (!shown || !child.textContent?.trim()) continue;
        range.selectNodeContents(child);
        for (const tr of range.getClientRects?.() ?? []) add(tr, inner);
      } else if (child.nodeType === Node.ELEMENT_NODE) walk(child as Element, inner);
    }
  };
  const r = el.getBoundingClientRect();
  if (r.width <= 0 || r.height <= 0) return null;
  walk(el, { left: r.left, top: r.top, right: r.left + Math.max(r.width, el.scrollWidth), bottom: r.top + Math.max(r.height, el.scrollHeight) });
  return box;
}

/**
 * An SVG document picturing `el` as it is drawn now, without its chrome (CHROME) and cropped to
 * the rest, in CSS px.
 */
export function elementToSvg(el: HTMLElement): string {
  const doc = el.ownerDocument;
  // Hide the chrome for as long as this function runs (no frame is drawn in between).
  const hide = doc.createElement('style');
  hide.textContent = CHROME.map((sel) => `[data-exporting] ${sel} { display: none !important; }`).join('\n');
  el.setAttribute('data-exporting', '');
  doc.head.append(hide);
  const defaults = new Defaults();
  try {
    const rect = el.getBoundingClientRect();
    const fullW = Math.ceil(Math.max(rect.width, el.scrollWidth));
    const fullH = Math.ceil(Math.max(rect.height, el.scrollHeight));
    const bounds = contentBounds(el);
    const x = bounds ? Math.max(0, Math.floor(bounds.left - rect.left - CROP_PAD)) : 0;
    const y = bounds ? Math.max(0, Math.floor(bounds.top - rect.top - CROP_PAD)) : 0;
    const width = bounds ? Math.min(fullW, Math.ceil(bounds.right - rect.left + CROP_PAD)) - x : fullW;
    const height = bounds ? Math.min(fullH, Math.ceil(bounds.bottom - rect.top + CROP_PAD)) - y : fullH;

    const styles = new Styles(defaults);
    const clone = el.cloneNode(true) as HTMLElement;
    // The root declares what it inherits too: the SVG around it has only the browser's defaults.
    copyState(el, clone, null, styles);
    // The card's frame would be cut by the crop: the picture is the content on the panel's colour.
    const root = `${styles.sheet()}.export-root{margin:0!important;border-color:transparent!important;box-shadow:none!important;border-radius:0!important}`;
    clone.setAttribute('class', `${clone.getAttribute('class') ?? ''} export-root`.trim());
    const html = new XMLSerializer().serializeToString(clone);
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
      `<title>${esc(el.getAttribute('aria-label') ?? el.querySelector('h2')?.textContent ?? '')}</title>` +
      `<style>${root}</style>` +
      `<rect width="100%" height="100%" fill="${backgroundOf(el)}"/>` +
      `<foreignObject x="0" y="0" width="${width}" height="${height}">` +
      `<div xmlns="http://www.w3.org/1999/xhtml" style="margin:${-y}px 0 0 ${-x}px;width:${fullW}px;height:${fullH}px">${html}</div>` +
      `</foreignObject></svg>`
    );
  } finally {
    defaults.dispose();
    hide.remove();
    el.removeAttribute('data-exporting');
  }
}

/** The panels on the page (`<section id="panel-…">`), named as assistive tech names them, in page order. */
export function listPanels(root: ParentNode = document): { id: string; title: string; el: HTMLElement }[] {
  return [...root.querySelectorAll<HTMLElement>('section[id^="panel-"]')].map((el) => {
    const id = el.id.slice('panel-'.length);
    const doc = el.ownerDocument;
    const labelled = (el.getAttribute('aria-labelledby') ?? '')
      .split(/\s+/)
      .map((ref) => (ref ? doc.getElementById(ref)?.textContent : '') ?? '')
      .join(' ')
      .trim();
    const title = labelled || el.getAttribute('aria-label') || el.querySelector('h2')?.textContent?.trim() || id;
    return { id, title, el };
  });
}
