/** One plot in a <figure>: the plot, a visible caption with its name, and SVG/PNG download buttons. */
import { useRef, useState, type ReactNode, type Ref } from 'react';
import { useT } from '../../i18n';
import { exportErrorText } from '../../i18n/export';
import { downloadPng, downloadSvg } from './download';

export interface PlotFigureProps {
  name: string;
  /** File name stem for downloads. */
  file: string;
  /** Renders the plot with the given svg ref. */
  children: (ref: Ref<SVGSVGElement>) => ReactNode;
}

export function PlotFigure({ name, file, children }: PlotFigureProps) {
  const t = useT();
  const svg = useRef<SVGSVGElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <figure className="stats-figure">
      <figcaption className="stats-figcaption">
        <span className="stats-figname">{name}</span>
        <span className="stats-downloads">
          <button
            type="button"
            className="button button-small"
            aria-label={t('stats.downloadPlot', { name, format: 'SVG' })}
            onClick={() => svg.current && downloadSvg(svg.current, `${file}.svg`)}
          >
            SVG
          </button>
          <button
            type="button"
            className="button button-small"
            aria-label={t('stats.downloadPlot', { name, format: 'PNG' })}
            onClick={() => {
              setFailed(null);
              if (svg.current)
                downloadPng(svg.current, `${file}.png`).catch((e: unknown) =>
                  setFailed(t('export.failed', { name: `${file}.png`, error: exportErrorText(t, e) })),
                );
            }}
          >
            PNG
          </button>
        </span>
      </figcaption>
      {failed && (
        <p className="stats-error" role="alert">
          {failed}
        </p>
      )}
      {children(svg)}
    </figure>
  );
}
