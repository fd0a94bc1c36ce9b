/**
 * The probe's fills over the steps, as a table (newest first): the step, what the model wrote
 * into each blank with every token it got right marked (underlined and bold; a wrong one struck
 * through, so the marks do not rest on colour), how many tokens were right, and the target's
 * mean probability. The last HISTORY_ROWS probes; the chart holds them all.
 */
import { memo } from 'react';
import { useT } from '../../i18n';
import { usePretrain } from '../../model/pretrain/pretrainStore';
import type { ProbeReport } from '../../model/pretrain/trainer';
import { fmtProb, pieces, rightTokens } from './probeFormat';

export const HISTORY_ROWS = 40;

function Fill({ fill, truth }: { fill: readonly string[]; truth: readonly string[] }) {
  const t = useT();
  if (fill.length === 0) return <span className="pt-tok-none">{t('pretrain.probe.nothing')}</span>;
  const right = rightTokens(fill, truth);
  return (
    <q>
      {pieces(fill).map((text, i) => (
        <span
          // Tokens repeat; their place is their identity.
          key={i}
          className={right[i] ? 'pt-tok-right' : 'pt-tok-wrong'}
        >
          {text}
        </span>
      ))}
    </q>
  );
}

const Row = memo(function Row({ r }: { r: ProbeReport }) {
  const t = useT();
  return (
    <tr>
      <th scope="row">{r.step}</th>
      <td>
        {r.fills.map((f, i) => (
          <span key={`${r.spans[i]!.start}`} className="pt-probe-fill">
            {i > 0 && t('common.listSep')}
            <Fill fill={f} truth={r.truth[i]!} />
          </span>
        ))}
      </td>
      <td>{t('pretrain.probe.rightValue', { right: r.right, total: r.total })}</td>
      <td>{fmtProb(r.meanProb)}</td>
    </tr>
  );
});

export function ProbeHistory() {
  const t = useT();
  const probes = usePretrain((s) => s.probes);
  if (probes.length === 0) return null;
  const rows = probes.slice(-HISTORY_ROWS).reverse();
  return (
    <div className="pt-probe-history">
      <table className="pt-probe-table">
        <caption>
          {t('pretrain.probe.history')}
          {probes.length > HISTORY_ROWS &&
            ` ${t('pretrain.probe.truncated', { n: HISTORY_ROWS, total: probes.length })}`}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('pretrain.probe.colStep')}</th>
            <th scope="col">{t('pretrain.probe.colFill')}</th>
            <th scope="col">{t('pretrain.probe.colRight')}</th>
            <th scope="col">{t('pretrain.probe.colProb')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <Row key={r.step} r={r} />
          ))}
        </tbody>
      </table>
      <p className="field-hint">{t('pretrain.probe.marks')}</p>
    </div>
  );
}
