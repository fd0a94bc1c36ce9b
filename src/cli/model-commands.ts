/** The model's commands (tokenize, score, fill, attention) arrive with the model; until then, say so. */
import { CliError } from './io';

const missing = () => {
  throw new CliError('the model commands need the trained model, which is not in this build yet');
};
export const tokenize = missing;
export const score = missing;
export const fill = missing;
export const attention = missing;
