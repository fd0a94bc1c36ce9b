/**
 * Gives the panel inside it a lane (`src/app/ui/lane.ts`): out of view, it follows the edits once
 * they pause instead of in every edit's first render. `section` is the id of the panel's
 * `<section>`; `group` is the page's unless a test gives its own.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { LaneContext } from '../../store/lane';
import { panelLanes, type LaneGroup } from './lane';

export function PanelLane({ section, group = panelLanes, children }: { section: string; group?: LaneGroup; children: ReactNode }) {
  const [lane] = useState(() => group.lane());
  useEffect(() => lane.observe(document.getElementById(section)), [lane, section]);
  return <LaneContext.Provider value={lane}>{children}</LaneContext.Provider>;
}
