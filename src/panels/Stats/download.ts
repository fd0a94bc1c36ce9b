/**
 * Saving what the panel shows: a plot as SVG (the node serialized as it is: colours are literal,
 * so it looks the same outside the page) or PNG (that SVG drawn on a canvas by the export
 * module), and any text as a file.
 */
import { download, plotSvgMarkup, svgToPng } from '../../export';

/** Standalone SVG markup of a plot, sized by its viewBox when it has no size of its own. */
export const svgMarkup = plotSvgMarkup;

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
