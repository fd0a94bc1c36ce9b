/**
 * Gives the panel inside it a lane (`createLane`): out of view, it follows the edits once they
 * pause instead of in every edit's first render. `section` is the id of the panel's `<section>`.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { LaneContext } from '../../store/lane';
import { createLane, type LaneOptions } from './lane';

export function PanelLane({ section, options, children }: { section: string; options?: LaneOptions; children: ReactNode }) {
  const [lane] = useState(() => createLane(options));
  useEffect(() => lane.observe(document.getElementById(section)), [lane, section]);
  return <LaneContext.Provider value={lane}>{children}</LaneContext.Provider>;
}
