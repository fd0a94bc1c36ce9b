/**
 * The model's attention weights for the current construction, for the Mask panel:
 * `<MaskPanel weights={useAttentionWeights()} />`. Undefined until a layer is picked in the Model
 * panel and the weights for this very sequence have arrived (never another sequence's weights).
 */
import { attentionFor, useModel } from '../../model/modelStore';
import { useDerived } from '../../store/hooks';

export function useAttentionWeights(): Float32Array | undefined {
  const { construction } = useDerived();
  return useModel((s) => attentionFor(s, construction));
}
