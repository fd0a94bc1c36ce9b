/** Export: pictures of panels (SVG, PNG), of plots, the Figure 2 layout, the batch as JSON, the view's link. */
export { figure2Svg, FIGURE2_DARK, FIGURE2_LIGHT, SLIDE, type Figure2Input, type Figure2Labels, type Figure2Layout, type Figure2Palette } from './figure2';
export { elementToSvg, listPanels } from './snapshot';
export { ExportError, svgDataUrl, svgToPng, type ExportErrorCode } from './png';
export { copyText, download } from './download';
export { batchJson } from './batch';
export { svgSize } from './xml';
export { plotSvgMarkup } from './plot';
export { maskSvg, MASK_SVG_PALETTES, CELL_LIMIT, type MaskSvgInput, type MaskSvgLabels, type MaskSvgPalette } from './mask';
