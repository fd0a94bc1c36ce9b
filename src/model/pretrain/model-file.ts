/**
 * A model trained in the page as the project's own model files: `manifest.json` (format
 * `glm-infill-lab/1`, the same fields as `public/models/manifest.json`) and `glm.bin` (float16,
 * `encodeWeights`). Put both in one folder with the app's `tokenizer.json` and `load({ modelUrl })`
 * reads them, as the Model panel does, and so does the command line with `GLM_MODEL=…/manifest.json`.
 * Built in the worker (or Node): it imports weights.ts, which imports TensorFlow.js.
 */
import { encodeWeights, type Manifest } from '../weights';
import type { PretrainSettings } from './settings';
import { TOKENIZER_FILE, WEIGHTS_FILE } from './names';
import type { TrainedWeights } from './trainer';

export { MANIFEST_FILE, TOKENIZER_FILE, WEIGHTS_FILE } from './names';

/** What the manifest says of the training run (`training` is free-form; the model card reads `steps` and `tokens`). */
export interface PretrainRecord {
  text: string;
  settings: PretrainSettings;
}

export function modelFiles(w: TrainedWeights, record: PretrainRecord): { manifest: Manifest; bytes: Uint8Array } {
  const { bytes, tensors } = encodeWeights(w.config, w.arrays);
  const manifest: Manifest = {
    format: 'glm-infill-lab/1',
    config: { ...w.config },
    tokenizer: TOKENIZER_FILE,
    weights: { file: WEIGHTS_FILE, dtype: 'float16', bytes: bytes.byteLength, tensors },
    training: {
      source:
        record.settings.start === 'shipped'
          ? 'GLM Infill Lab, Pre-training panel (the shipped model fine-tuned in the browser)'
          : 'GLM Infill Lab, Pre-training panel (trained in the browser from scratch)',
      start: record.settings.start,
      variant: w.variant,
      steps: w.step,
      tokens: w.tokensSeen,
      text: record.text,
      settings: { ...record.settings },
      heldout: w.heldout,
    },
  };
  return { manifest, bytes };
}
