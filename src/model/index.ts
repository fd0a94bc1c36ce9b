/**
 * The tiny GLM: tokenizer (no TensorFlow), model, weights loader, decoding.
 * Import `./tokenizer` directly where TensorFlow.js must not be pulled in (engine, first paint).
 */
export * from './tokenizer';
export * from './glm';
export * from './weights';
export * from './decode';
