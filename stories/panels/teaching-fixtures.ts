/**
 * Seeded fixtures shared by the teaching panels' stories (zoo, explorer, quiz, fine-tuning):
 * the paper's example and a sentence with three spans in a fixed Part B order.
 */
import { PAPER_EXAMPLE, resetStore, type Choices } from '../../src/store';

/** A sentence with three spans ([CLS]-framed), Part B order (span 3, span 1, span 2). */
export const THREE_SPANS: Partial<Choices> = {
  text: 'the cat sat on the mat while the dog slept by the door',
  cls: true,
  spans: [
    { start: 2, end: 3 }, // cat
    { start: 5, end: 7 }, // the mat
    { start: 9, end: 11 }, // dog slept
  ],
  order: [2, 0, 1],
  objective: 'span',
  layout: 'block',
  seed: 7,
};

export const PAPER: Partial<Choices> = { ...PAPER_EXAMPLE };

/** A loader that puts `choices` in the store before the story renders. */
export const withChoices = (choices: Partial<Choices>) => [
  async () => {
    resetStore(choices);
    return {};
  },
];
