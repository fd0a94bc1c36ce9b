/**
 * A panel's frame: a `<section>` named by its `<h2>`, with the pipeline step number beside the
 * title and an optional row of actions on the right of the heading.
 */
import type { ReactNode } from 'react';

export interface PanelProps {
  /** A short id: the section gets `panel-{id}`, its heading `panel-{id}-title`. */
  id: string;
  /** The heading text. */
  title: string;
  /** The pipeline step shown before the title (decorative; the title alone names the section). */
  step?: number;
  /** Controls shown at the right of the heading. */
  actions?: ReactNode;
  /** A one-line explanation under the heading. */
  lede?: ReactNode;
  children: ReactNode;
}

export function Panel({ id, title, step, actions, lede, children }: PanelProps) {
  const titleId = `panel-${id}-title`;
  return (
    <section className={`panel panel-${id}`} id={`panel-${id}`} aria-labelledby={titleId}>
      <div className="panel-head">
        <h2 className="panel-title">
          {step !== undefined && (
            <span className="panel-step" aria-hidden="true">
              {step}
            </span>
          )}
          <span id={titleId}>{title}</span>
        </h2>
        {actions && <div className="panel-actions">{actions}</div>}
      </div>
      {lede && <p className="panel-lede">{lede}</p>}
      <div className="panel-body">{children}</div>
    </section>
  );
}
