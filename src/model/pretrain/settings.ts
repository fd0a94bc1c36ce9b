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

/**
 * Where a run's weights start: `scratch`, the tiny model above with fresh random weights; or
 * `shipped`, the app's own model (public/models: its manifest's config, its weights), fine-tuned
 * on the text. The shipped model's size and positions are read from its manifest, never assumed.
 */
export type PretrainStart = 'scratch' | 'shipped';

export const PRETRAIN_STARTS: readonly PretrainStart[] = ['scratch', 'shipped'];

/** The objectives the panel offers (the sentence objective needs several sentences; not yet). */
export type PretrainObjective = 'span' | 'document';

/** What the user sets before a run. */
export interface PretrainSettings {
  /** Random weights of the tiny model, or the shipped model's weights to fine-tune. */
  start: PretrainStart;
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
  start: 'scratch',
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

/**
 * The learning rate the panel offers a fine-tuning run: a third of the from-scratch one. On a
 * two-sentence text (batch 8, held-out every 5 steps) the shipped model's held-out loss went
 * 4.78 → 2.74 → 1.66 → 0.87 with it, 4.78 → 3.83 → 3.18 with 0.0003 (too slow for a live demo),
 * and 4.78 → 1.65 → 0.74 → 0.46 → 0.57 with 0.003 (faster, then unsteady).
 */
export const FINETUNE_LEARNING_RATE = 0.001;

/** The fill probe: re-filled every this many steps unless the user says otherwise. */
export const PROBE_EVERY = 10;
/** Limits of the probe's interval. */
export const PROBE_EVERY_LIMITS = [1, 1000] as const;
