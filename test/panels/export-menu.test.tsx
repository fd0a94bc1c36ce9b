// The Export menu: a keyboard-operable menu button whose items save files and copy the link.
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExportMenu } from '../../src/panels/Export';
import { PAPER_EXAMPLE, resetStore } from '../../src/store';

/** Captures what `download` hands to the browser. */
function captureDownloads() {
  const saved: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    const url = `blob:test/${n++}`;
    blobs.set(url, b as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.href)! });
  });
  return saved;
}

function renderWithPanels() {
  return render(
    <>
      <ExportMenu />
      <section id="panel-text" aria-labelledby="panel-text-title">
        <h2 id="panel-text-title">Text and tokens</h2>
      </section>
      <section id="panel-mask" aria-labelledby="panel-mask-title">
        <h2 id="panel-mask-title">Attention mask</h2>
      </section>
    </>,
  );
}

beforeEach(() => resetStore({ ...PAPER_EXAMPLE, theme: 'light', lang: 'en' }));
afterEach(() => vi.restoreAllMocks());

// The machine is shared with a training run: user-event steps are slow, so allow more than 5 s.
describe('ExportMenu', { timeout: 30_000 }, () => {
  it('opens from the keyboard, moves with the arrows and closes with Escape', async () => {
    const user = userEvent.setup();
    renderWithPanels();
    const button = screen.getByRole('button', { name: 'Export' });
    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    button.focus();
    await user.keyboard('{ArrowDown}');
    const menu = screen.getByRole('menu', { name: 'Export' });
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const names = screen.getAllByRole('menuitem').map((m) => m.textContent);
    expect(names).toEqual([
      'Figure 2 (16:9 slide, PNG)',
      'Figure 2 (16:9 slide, SVG)',
      'Figure 2 (portrait, PNG)',
      'Figure 2 (portrait, SVG)',
      'Preview Figure 2…',
      'PNG: Text and tokens',
      'PNG: Attention mask',
      'SVG: Text and tokens',
      'SVG: Attention mask',
      'Batch JSON',
      'Copy link',
    ]);
    expect(menu).toContainElement(document.activeElement as HTMLElement);
    expect(document.activeElement).toHaveTextContent('Figure 2 (16:9 slide, PNG)');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toHaveTextContent('Figure 2 (16:9 slide, SVG)');
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toHaveTextContent('Copy link');
    await user.keyboard('{Home}');
    expect(document.activeElement).toHaveTextContent('Figure 2 (16:9 slide, PNG)');
    await user.keyboard('{End}');
    expect(document.activeElement).toHaveTextContent('Copy link');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(button).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toHaveTextContent('Copy link');
  });

  it('saves the batch as the CLI prints it', async () => {
    const saved = captureDownloads();
    const user = userEvent.setup();
    renderWithPanels();
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(screen.getByRole('menuitem', { name: 'Batch JSON' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.name).toBe('glm-batch.json');
    const batch = JSON.parse(await saved[0]!.blob.text());
    expect(batch.position_ids).toEqual([0, 1, 2, 3, 4, 4, 4, 4, 2, 2]);
    expect(batch.block_position_ids).toEqual([0, 0, 0, 0, 0, 1, 2, 3, 1, 2]);
    expect(screen.getByRole('status')).toHaveTextContent('Saved glm-batch.json.');
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('saves Figure 2 as SVG from the keyboard', async () => {
    const saved = captureDownloads();
    const user = userEvent.setup();
    renderWithPanels();
    screen.getByRole('button', { name: 'Export' }).focus();
    await user.keyboard('{Enter}');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{Enter}'); // Figure 2 (portrait, SVG)
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.name).toBe('glm-figure2.svg');
    expect(await saved[0]!.blob.text()).toMatch(/^<svg /);
  });

  it('copies the link, and shows it to copy by hand when the clipboard refuses', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderWithPanels();
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(screen.getByRole('menuitem', { name: 'Copy link' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Link copied.'));
    expect(writeText.mock.calls[0]![0]).toMatch(/\?text=x1\+x2\+x3\+x4\+x5\+x6&spans=2-3%2C4-6&order=1%2C0/);

    writeText.mockRejectedValue(new Error('denied'));
    document.execCommand = vi.fn().mockReturnValue(false);
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(screen.getByRole('menuitem', { name: 'Copy link' }));
    const field = await screen.findByRole('textbox', { name: 'Link to this view' });
    expect((field as HTMLInputElement).value).toContain('spans=2-3%2C4-6');
  });

  it('previews Figure 2 in a dialog', async () => {
    const user = userEvent.setup();
    renderWithPanels();
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(screen.getByRole('menuitem', { name: 'Preview Figure 2…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Figure 2, on your text' });
    const img = dialog.querySelector('img')!;
    expect(img.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(img).toHaveAccessibleName(/\(d\) the attention mask/);
    await act(async () => user.click(screen.getByRole('button', { name: 'Close' })));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
