/**
 * The model's attention weights for the current construction, for the Mask panel:
 * `<MaskPanel weights={useAttentionWeights()} />`. Undefined until a layer is picked in the Model
 * panel and the weights for this very sequence have arrived (never another sequence's weights).
 */
import { attentionFor, useModel } from '../../model/modelStore';
import { useDeferredDerivedInput } from '../../store/hooks';

export function useAttentionWeights(): Float32Array | undefined {
  // The deferred construction, the one the mask draws: weights match what is on screen, and a
  // keystroke's urgent render derives nothing here.
  const { construction } = useDeferredDerivedInput();
  return useModel((s) => attentionFor(s, construction));
}
