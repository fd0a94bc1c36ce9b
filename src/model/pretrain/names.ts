/** The names of the model files a pre-training run saves (no TensorFlow.js: the page imports these). */
export const MANIFEST_FILE = 'manifest.json';
export const WEIGHTS_FILE = 'glm.bin';
/** The tokenizer the manifest names: the app's own, which the model was trained with. */
export const TOKENIZER_FILE = 'tokenizer.json';
