import { beforeAll, describe, expect, it } from 'vitest';
import { Adam } from '../../src/model/adam';
import { initNodeBackend, tf } from '../../src/model/backend-node';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('Adam', () => {
  it('holds exactly its two moments per parameter, and nothing else', () => {
    const p = { a: tf.variable(tf.ones([3, 3])), b: tf.variable(tf.ones([3])) };
    const before = tf.memory().numTensors;
    const opt = new Adam(p);
    expect(tf.memory().numTensors - before).toBe(4);
    [...Object.values(opt.m), ...Object.values(opt.v), ...Object.values(p)].forEach((t) => t.dispose());
  });
});
