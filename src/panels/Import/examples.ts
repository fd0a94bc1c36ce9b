/** The "Load example" batches: the same files the tests use (test/fixtures/batches). */
import corrupted from '../../../test/fixtures/batches/corrupted.json?raw';
import ids from '../../../test/fixtures/batches/ids.json?raw';
import valid from '../../../test/fixtures/batches/valid.json?raw';

export interface Example {
  id: 'valid' | 'corrupted' | 'ids';
  /** File name shown as the import's name. */
  file: string;
  text: string;
}

export const EXAMPLES: readonly Example[] = [
  { id: 'valid', file: 'valid.json', text: valid },
  { id: 'corrupted', file: 'corrupted.json', text: corrupted },
  { id: 'ids', file: 'ids.json', text: ids },
];
