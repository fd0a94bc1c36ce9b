/**
 * A plot drawn in the page (an <svg> of src/viz/plots, whose colours are literal values) as a
 * standalone SVG document: the node serialized as it is, so it looks the same outside the page.
 * Sized by its viewBox when it has no size of its own.
 */
export function plotSvgMarkup(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.removeAttribute('class');
  const box = svg.viewBox?.baseVal;
  if (box && box.width && box.height) {
    if (!clone.getAttribute('width')) clone.setAttribute('width', String(box.width));
    if (!clone.getAttribute('height')) clone.setAttribute('height', String(box.height));
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
}
