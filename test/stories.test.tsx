// Every story in stories/ is also a test: it must render without throwing and show something.
// New panels' stories are picked up automatically by the glob below.
import { composeStories, composeStory, setProjectAnnotations } from '@storybook/react-vite';
import { render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as previewAnnotations from '../.storybook/preview';

setProjectAnnotations(previewAnnotations);

type StoryModule = Parameters<typeof composeStories>[0];
type ComposedStory = ReturnType<typeof composeStory>;

const modules = import.meta.glob<StoryModule>('../stories/**/*.stories.tsx', { eager: true });

describe('stories', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('finds at least one story file', () => {
    expect(Object.keys(modules).length).toBeGreaterThan(0);
  });

  for (const [path, module] of Object.entries(modules)) {
    const file = path.replace('../stories/', '');
    const stories = Object.entries(composeStories(module)) as [string, ComposedStory][];

    describe(file, () => {
      it('exports at least one story', () => {
        expect(stories.length).toBeGreaterThan(0);
      });

      for (const [name, Story] of stories) {
        it(`${name} renders`, async () => {
          // React reports many mistakes (missing keys, bad nesting) with console.error only.
          const consoleError = vi.spyOn(console, 'error');
          await Story.load(); // loaders, if any
          const { container } = render(<Story />);
          await Story.play?.({ canvasElement: container });
          expect(container.childElementCount).toBeGreaterThan(0);
          expect(
            container.textContent?.trim() || container.querySelector('svg, canvas'),
          ).toBeTruthy();
          expect(consoleError).not.toHaveBeenCalled();
        });
      }
    });
  }
});
