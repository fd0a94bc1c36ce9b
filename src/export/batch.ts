/** The batch as the CLI's `construct` prints it (reference layout, one line of JSON). */
import { toReference, type Construction } from '../glm';

export function batchJson(c: Construction): string {
  return `${JSON.stringify(toReference(c))}\n`;
}
