/**
 * A panel as a standalone SVG: the section is cloned with every element's computed style inlined,
 * canvases turned into images and form values written out, inside an SVG `<foreignObject>`.
 * What the browser shows is what the file holds (pseudo-elements aside).
 */
import { esc } from './xml';

/** Copies the computed style of `from` onto `to` as an inline style. */
function inlineStyle(from: Element, to: Element): void {
  const cs = getComputedStyle(from);
  const decl: string[] = [];
  for (let i = 0; i < cs.length; i++) {
    const name = cs[i]!;
    // Transitions and animations would replay in the snapshot; cursors mean nothing in a picture;
    // containment (a panel skips rendering while out of view) could leave the picture blank.
    if (name.startsWith('transition') || name.startsWith('animation') || name === 'cursor') continue;
    if (name === 'content-visibility' || name.startsWith('contain')) continue;
    decl.push(`${name}:${cs.getPropertyValue(name)}`);
  }
  to.setAttribute('style', decl.join(';'));
}

/** Walks `from` and its clone `to` in step, fixing what a clone loses. */
function copyState(from: Element, to: Element): void {
  inlineStyle(from, to);
  if (from instanceof HTMLCanvasElement) {
    const img = document.createElement('img');
    try {
      img.setAttribute('src', from.toDataURL('image/png'));
    } catch {
      /* a tainted canvas stays blank */
    }
    img.setAttribute('style', to.getAttribute('style') ?? '');
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
  const a = from.children;
  const b = [...to.children];
  for (let i = 0; i < a.length && i < b.length; i++) copyState(a[i]!, b[i]!);
}

/** The background a snapshot needs: the element's own, else the nearest ancestor's, else white. */
function backgroundOf(el: Element): string {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return '#ffffff';
}

/** An SVG document picturing `el` as it is drawn now (at its layout size, in CSS px). */
export function elementToSvg(el: HTMLElement): string {
  const rect = el.getBoundingClientRect();
  const width = Math.ceil(Math.max(rect.width, el.scrollWidth));
  const height = Math.ceil(Math.max(rect.height, el.scrollHeight));
  const clone = el.cloneNode(true) as HTMLElement;
  copyState(el, clone);
  clone.style.margin = '0';
  const html = new XMLSerializer().serializeToString(clone);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<title>${esc(el.getAttribute('aria-label') ?? el.querySelector('h2')?.textContent ?? '')}</title>` +
    `<rect width="100%" height="100%" fill="${backgroundOf(el)}"/>` +
    `<foreignObject x="0" y="0" width="${width}" height="${height}">${html}</foreignObject>` +
    `</svg>`
  );
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
