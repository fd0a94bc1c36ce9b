// Counts in both languages go through one helper over Intl.PluralRules: "1 mask", "2 masks".
import { describe, expect, it } from 'vitest';
import { plural, pluralCategory, translate } from '../../src/i18n';
import { formatMessage, templateNames } from '../../src/i18n/plural';

describe('plural forms', () => {
  it('says "1 mask" and "2 masks", "1 token" and "2 tokens"', () => {
    expect(translate('en', 'partA.count', { sep: 1, masks: 1 })).toBe('1 token, 1 mask · sep = 1');
    expect(translate('en', 'partA.count', { sep: 2, masks: 2 })).toBe(
      '2 tokens, 2 masks · sep = 2',
    );
    expect(translate('en', 'partA.count', { sep: 0, masks: 0 })).toBe(
      '0 tokens, 0 masks · sep = 0',
    );
    expect(translate('en', 'text.count', { count: 1, tokenizer: 'words' })).toBe(
      '1 token (words tokenizer)',
    );
    expect(translate('en', 'quiz.mask.wrongIntro', { count: 1 })).toBe(
      '1 cell is wrong (marked ✗ in the grid):',
    );
    expect(translate('en', 'quiz.mask.wrongIntro', { count: 3 })).toBe(
      '3 cells are wrong (marked ✗ in the grid):',
    );
    expect(translate('en', 'engine.orderLength', { entries: 2, k: 1 })).toBe(
      'order has 2 entries but there is 1 span',
    );
  });

  it('keeps the caller’s number format and reads counts given as strings', () => {
    // Callers format large counts themselves ("10,000"): shown as given, chosen as "other".
    expect(translate('en', 'stats.failures', { n: '1', reason: 'r' })).toBe(
      '1 draw was refused by the sampler (last reason: r).',
    );
    expect(translate('en', 'stats.failures', { n: '1,000', reason: 'r' })).toBe(
      '1,000 draws were refused by the sampler (last reason: r).',
    );
    expect(translate('en', 'stats.spans.bar', { range: '1', share: '5%' })).toBe(
      '1 span: 5% of draws',
    );
    expect(translate('en', 'stats.spans.bar', { range: '2–3', share: '5%' })).toBe(
      '2–3 spans: 5% of draws',
    );
  });

  it('uses Intl.PluralRules of the language: Chinese has one form, with =1 for an exact count', () => {
    expect(pluralCategory('en', 1)).toBe('one');
    expect(pluralCategory('en', 2)).toBe('other');
    expect(pluralCategory('zh', 1)).toBe('other');
    expect(pluralCategory('en', '—')).toBe('other');
    expect(translate('zh', 'partA.count', { sep: 1, masks: 1 })).toBe(
      '1 个词元，1 个掩码 · sep = 1',
    );
    expect(translate('zh', 'notice.spansRemoved', { n: 1 })).toBe(
      '这次编辑碰到了一个片段，所以删除了这个片段。',
    );
    expect(translate('zh', 'notice.spansRemoved', { n: 2 })).toBe(
      '这次编辑碰到了 2 个片段，所以删除了它们。',
    );
    expect(translate('en', 'notice.spansRemoved', { n: 1 })).toBe(
      'The edit touched a span, so that span was removed.',
    );
    expect(translate('en', 'notice.spansRemoved', { n: 2 })).toBe(
      'The edit touched 2 spans, so they were removed.',
    );
    const forms = { one: 'one', few: 'few', many: 'many', other: 'other' };
    expect([1, 2, 5].map((n) => plural('ru', n, forms))).toEqual(['one', 'few', 'many']);
  });

  it('fills placeholders in one pass and leaves what it cannot fill as it is', () => {
    expect(
      formatMessage('en', '{n, plural, one {# of {what}} other {# of {what}s}}', {
        n: 1,
        what: '{n}#',
      }),
    ).toBe('1 of {n}#');
    expect(formatMessage('en', '{n, plural, one {# x} other {# xs}} and {m}', { m: 2 })).toBe(
      '{n, plural, one {# x} other {# xs}} and 2',
    );
    expect(formatMessage('en', 'a # and {"json": {n}}', { n: 3 })).toBe('a # and {"json": 3}');
  });
});

describe('templateNames', () => {
  it('names placeholders and counts, not the words of a branch', () => {
    expect(templateNames('{n, plural, one {token} other {# tokens}} by {who}')).toEqual([
      'n',
      'who',
    ]);
    expect(templateNames('{n, plural, one {# of {what}} other {# of {what}s}}')).toEqual([
      'n',
      'what',
    ]);
  });
});
