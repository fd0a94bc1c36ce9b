/**
 * Saving what the panel shows: a plot as SVG (the node serialized as it is: colours are literal,
 * so it looks the same outside the page) or PNG (that SVG drawn on a canvas by the export
 * module), and any text as a file.
 */
import { download, svgToPng } from '../../export';

/** Standalone SVG markup of a plot, sized by its viewBox when it has no size of its own. */
export function svgMarkup(svg: SVGSVGElement): string {
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

export function downloadText(text: string, filename: string, type: string): void {
  download(filename, text, type);
}

export function downloadSvg(svg: SVGSVGElement, filename: string): void {
  downloadText(svgMarkup(svg), filename, 'image/svg+xml');
}

/** The plot as a PNG at twice its viewBox size; rejects (an ExportError) when the browser cannot. */
export async function downloadPng(svg: SVGSVGElement, filename: string): Promise<void> {
  download(filename, await svgToPng(svgMarkup(svg), 2));
}
