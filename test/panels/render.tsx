// Renders the pipeline panels together (as the app lays them out) and reads what users see.
import { render, screen, within } from '@testing-library/react';
import { Notices } from '../../src/panels/Notices/Notices';
import { PartAPanel } from '../../src/panels/PartA/PartAPanel';
import { PartBPanel } from '../../src/panels/PartB/PartBPanel';
import { PositionsPanel } from '../../src/panels/Positions/PositionsPanel';
import { SpansPanel } from '../../src/panels/Spans/SpansPanel';
import { TextPanel } from '../../src/panels/Text/TextPanel';

export function renderPanels() {
  return render(
    <>
      <TextPanel />
      <SpansPanel />
      <PartAPanel />
      <PartBPanel />
      <PositionsPanel />
      <Notices />
    </>,
  );
}

/** The token texts of a chip list (without the small index under each chip). */
export function chipTexts(list: HTMLElement): string[] {
  return [...list.querySelectorAll('.chip-text')].map((el) => el.textContent ?? '');
}

/** The Text panel's token list. */
export const textTokens = () => chipTexts(screen.getByRole('list', { name: 'Tokens' }));

/** Part A's tokens. */
export const partATokens = () => chipTexts(screen.getByRole('list', { name: 'Part A tokens' }));

/** Part B's segments as "inputs / targets" strings, in Part B order. */
export function partBSegments(): string[] {
  const list = screen.queryByRole('list', { name: 'Part B segments, in order' });
  if (!list) return [];
  return [...list.querySelectorAll(':scope > li')].map((seg) => {
    const pairs = [...seg.querySelectorAll('.pair:not(.pair-legend)')];
    const ins = pairs.map((p) => p.querySelectorAll('.chip-text')[0]!.textContent);
    const outs = pairs.map((p) => p.querySelectorAll('.chip-text')[1]!.textContent);
    return `${ins.join(' ')} / ${outs.join(' ')}`;
  });
}

/** One row of the 2D position table, by its row header. */
export function tableRow(header: string): string[] {
  const table = screen.getByRole('table', { name: '2D positions' });
  const row = within(table).getByRole('rowheader', { name: header }).closest('tr')!;
  return within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent ?? '');
}

/** The picker option for the token at `index` (as numbered on screen): "cat 2, token 2, ...". */
export const option = (token: string, index: number) =>
  screen.getByRole('option', {
    name: new RegExp(`^${token.replace(/[[\]]/g, '\\$&')} ${index}, token ${index}\\b`),
  });
