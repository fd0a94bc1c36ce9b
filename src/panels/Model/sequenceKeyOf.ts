/**
 * A construction's sequence key (modelStore's `sequenceKey`: every token and position joined),
 * worked out once per construction and only when asked: Fill and Score compare it with their
 * results' keys, and there is nothing to compare before the model has produced a result.
 */
import type { Construction } from '../../glm';
import { sequenceKey } from '../../model/modelStore';

const keys = new WeakMap<Construction, string>();

export function sequenceKeyOf(c: Construction | null): string {
  if (!c) return '';
  let key = keys.get(c);
  if (key === undefined) {
    key = sequenceKey(c);
    keys.set(c, key);
  }
  return key;
}
