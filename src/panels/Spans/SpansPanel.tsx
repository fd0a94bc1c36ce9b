/** Step 2: choose the spans to blank out, by hand or with GLM's sampler. */
import { useT } from '../../i18n';
import { Panel } from '../../app/ui/Panel';
import { SamplerForm } from './SamplerForm';
import { SpanList } from './SpanList';
import { SpanPicker } from './SpanPicker';

export function SpansPanel() {
  const t = useT();
  return (
    <Panel id="spans" step={2} title={t('spans.title')} lede={t('spans.lede')}>
      <SpanPicker />
      <SpanList />
      <SamplerForm />
    </Panel>
  );
}
