/**
 * The loss curves of a run as CSV: one row per step and model, `step,run,train_loss,heldout_loss`,
 * GLM first at each step. The training loss is the step's batch loss (not smoothed); the held-out
 * loss is empty at the steps it was not scored, the training loss empty at step 0 (before
 * training). Numbers are written in full (JavaScript's shortest round-trip form). No DOM.
 */
import type { RunCurve } from './pretrainStore';

export const LOSS_CSV_HEADER = 'step,run,train_loss,heldout_loss';

export function lossCsv(curves: readonly RunCurve[]): string {
  const rows = new Map<number, Map<string, { train?: number; heldout?: number }>>();
  const cell = (step: number, run: string) => {
    let byRun = rows.get(step);
    if (!byRun) rows.set(step, (byRun = new Map()));
    let c = byRun.get(run);
    if (!c) byRun.set(run, (c = {}));
    return c;
  };
  for (const c of curves) {
    for (const p of c.train) cell(p.step, c.variant).train = p.loss;
    for (const p of c.heldout) cell(p.step, c.variant).heldout = p.loss;
  }
  const order = curves.map((c) => c.variant);
  const num = (x: number | undefined) => (x === undefined ? '' : String(x));
  const lines = [LOSS_CSV_HEADER];
  for (const step of [...rows.keys()].sort((a, b) => a - b)) {
    const byRun = rows.get(step)!;
    for (const run of order) {
      const c = byRun.get(run);
      if (c) lines.push(`${step},${run},${num(c.train)},${num(c.heldout)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
