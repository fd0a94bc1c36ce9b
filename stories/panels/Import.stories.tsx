import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import type { CSSProperties } from 'react';
import { parseBatch, type CheckInput } from '../../src/glm';
import { analyze } from '../../src/panels/Import/importer';
import { ImportPanel } from '../../src/panels/Import/ImportPanel';
import { ProblemsList } from '../../src/panels/Import/ProblemsList';
import { resetStore, store, type Choices } from '../../src/store';
import { importFixture } from './import-fixture';
import corrupted from '../../test/fixtures/batches/corrupted.json';
import ids from '../../test/fixtures/batches/ids.json';
import valid from '../../test/fixtures/batches/valid.json';

const withImport = (raw: unknown, name: string, choices: Partial<Choices> = {}, i = 0) => [
  async () => {
    resetStore(choices);
    if (raw) await importFixture(raw, name, i);
    return {};
  },
];

const themed: Decorator = (Story) => (
  <div data-theme={store.getState().theme} style={{ background: 'var(--color-bg)', color: 'var(--color-text)', padding: 16, minHeight: '100vh' } as CSSProperties}>
    <Story />
  </div>
);

const meta = {
  title: 'Panels/Import',
  component: ImportPanel,
  decorators: [themed],
} satisfies Meta<typeof ImportPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Nothing imported yet: the text box, the file picker and the examples. */
export const Empty: Story = { loaders: withImport(null, '') };

/** test/fixtures/batches/valid.json: no problems, and the engine builds the same batch. */
export const ValidBatch: Story = { loaders: withImport(valid, 'valid.json') };

/** test/fixtures/batches/corrupted.json: a wrong position id and a wrong target, listed and marked in the diff. */
export const CorruptedBatch: Story = { loaders: withImport(corrupted, 'corrupted.json') };

/** The corrupted batch in the projector theme. */
export const CorruptedBatchDark: Story = { loaders: withImport(corrupted, 'corrupted.json', { theme: 'dark' }) };

/** 简体中文. */
export const CorruptedBatchChinese: Story = { loaders: withImport(corrupted, 'corrupted.json', { lang: 'zh' }) };

/** test/fixtures/batches/ids.json: a collated [2, L] batch of BERT/GLM ids, second sample (padded). */
export const IdBatchSecondSample: Story = { loaders: withImport(ids, 'ids.json', {}, 1) };

/** A batch with 1-based positions (the paper figure's numbering), checked as code-numbered: a recognised variant. */
export const OneBasedVariant: Story = {
  loaders: withImport({ ...valid, position_ids: valid.position_ids.map((p: number) => p + 1) }, 'one-based.json'),
};

/** The problems list alone, for the corrupted fixture. */
export const ProblemsOfCorrupted: Story = {
  render: () => {
    const parsed = parseBatch(corrupted);
    const problems = parsed.ok ? (analyze(parsed.samples[0] as CheckInput, 0)?.check.problems ?? []) : [];
    return <ProblemsList problems={problems} headingId="problems-story" />;
  },
};
