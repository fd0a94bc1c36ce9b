/**
 * What a pre-training run is set to, and the tiny model it trains: plain data, no TensorFlow.js
 * (the page's store and panel import these; the trainer in the worker does too).
 */
import type { GlmConfig } from '../glm';

/** The from-scratch model: tens of milliseconds a step on one CPU core, most of it the output layer over the whole vocabulary. */
export const TINY_CONFIG: Omit<GlmConfig, 'vocabSize'> = {
  dModel: 32,
  layers: 1,
  heads: 2,
  maxPositions: 128,
  lnEps: 1e-5,
  // No dropout: a run is the same every time for a seed (tfjs' dropout is unseeded).
  dropout: 0,
};

/** The objectives the panel offers (the sentence objective needs several sentences; not yet). */
export type PretrainObjective = 'span' | 'document';

/** What the user sets before a run. */
export interface PretrainSettings {
  /** Seed of the weights and of the draws (32-bit). */
  seed: number;
  objective: PretrainObjective;
  /** Short spans: the Poisson mean of span lengths. */
  lambda: number;
  /** Short spans: the masking ratio. */
  ratio: number;
  /** Examples per step. */
  batchSize: number;
  /** Adam's learning rate (constant). */
  learningRate: number;
  /**
   * Also train the paper's two ablations beside GLM, on the same seed and the same draws: one
   * model without shuffled spans, one without 2D positions (three models a step, three times slower).
   */
  ablations: boolean;
}

export const DEFAULT_PRETRAIN: PretrainSettings = {
  seed: 1,
  objective: 'span',
  lambda: 3,
  ratio: 0.15,
  batchSize: 8,
  learningRate: 0.003,
  ablations: false,
};

/** Limits of the settings (the panel's fields use the same). */
export const PRETRAIN_LIMITS = {
  lambda: [0.1, 20],
  ratio: [0.01, 0.9],
  batchSize: [1, 64],
  learningRate: [1e-5, 0.1],
} as const;

/** Seed of the fixed held-out draws (the same in every run, whatever the run's seed). */
export const HELDOUT_SEED = 12345;
/** The held-out draws are scored every this many steps, unless a run says otherwise. */
export const HELDOUT_EVERY = 10;
