import type { Meta, StoryObj } from '@storybook/react-vite';
import { useT } from '../../src/i18n';
import { ExportMenu } from '../../src/panels/Export';
import { currentFigure2, currentMaskSvg, type Figure2Options } from '../../src/panels/Export/figure';
import { FIXTURES, fixtureStory, withFrame } from './fixtures';

/** Figure 2 for the fixture, as the Export menu saves it (portrait unless told). */
function Figure2(options: Figure2Options) {
  const t = useT();
  const svg = currentFigure2(t, options);
  if (!svg) return <p>{t('export.noBatch')}</p>;
  // Inline, so the gallery shows exactly the saved document (its styles are prefixed `g2-`).
  return (
    <figure style={{ margin: 0 }}>
      <figcaption>{t('export.previewTitle')}</figcaption>
      <div style={{ overflowX: 'auto' }} dangerouslySetInnerHTML={{ __html: svg }} />
    </figure>
  );
}

const meta = {
  title: 'Panels/Export',
  component: ExportMenu,
  decorators: [withFrame],
} satisfies Meta<typeof ExportMenu>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The toolbar control (open it: arrow keys move, Escape closes). */
export const Menu: Story = fixtureStory(FIXTURES.paper);

const figure = (f: (typeof FIXTURES)[keyof typeof FIXTURES], options: Figure2Options = {}): Story => ({
  ...fixtureStory(f),
  render: () => <Figure2 {...options} />,
});

/** The Attention mask panel's picture (drawn natively, in the page's theme), as the menu saves it. */
function MaskPicture() {
  const t = useT();
  const svg = currentMaskSvg(t);
  if (!svg) return <p>{t('export.noBatch')}</p>;
  return <div style={{ overflowX: 'auto' }} dangerouslySetInnerHTML={{ __html: svg }} />;
}
const maskPicture = (f: (typeof FIXTURES)[keyof typeof FIXTURES]): Story => ({ ...fixtureStory(f), render: () => <MaskPicture /> });

export const FigurePaper: Story = figure(FIXTURES.paper);
export const FigurePaperOneBased: Story = figure(FIXTURES.paperOneBased);
export const FigureProjector: Story = figure(FIXTURES.paperProjector);
export const FigureLongParagraph: Story = figure(FIXTURES.longParagraph);
export const FigureSentenceObjective: Story = figure(FIXTURES.sentence);
export const FigureDocumentObjective: Story = figure(FIXTURES.document);
export const FigureNoSpans: Story = figure(FIXTURES.noSpans);
export const FigureOneSpanCoveringEverything: Story = figure(FIXTURES.everything);
export const FigureTwoHundredTokens: Story = figure(FIXTURES.long);
/** The 16:9 slide (1920 × 1080), light whatever the theme. */
export const FigureSlidePaper: Story = figure(FIXTURES.paper, { layout: 'slide' });
export const FigureSlideLongParagraph: Story = figure(FIXTURES.longParagraph, { layout: 'slide' });
export const FigureSlideTwoHundredTokens: Story = figure(FIXTURES.long, { layout: 'slide' });
/** Following the page's theme, when asked (the preview's checkbox). */
export const FigureInThePageTheme: Story = figure(FIXTURES.paperProjector, { colours: 'theme' });
export const MaskPicturePaper: Story = maskPicture(FIXTURES.paper);
export const MaskPictureLongParagraph: Story = maskPicture(FIXTURES.longParagraph);
