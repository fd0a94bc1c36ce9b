/** GLM blank infilling, pure TypeScript: no React, d3 or TensorFlow.js here. */
export * from './types';
export * from './errors';
export * from './rng';
export * from './tokenize';
export * from './spans';
export * from './sample';
export * from './construct';
export * from './mask';
export * from './mask-text';
export * from './validate';
export * from './conventions';
export * from './batch-io';
export * from './pipeline';
export * from './stats';
export * from './variants';
export * from './ids';
export * from './zoo';
