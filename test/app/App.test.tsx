import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/App';

describe('App', () => {
  it('shows the app name as the page heading, with a tagline', () => {
    render(<App />);
    const banner = screen.getByRole('banner');
    expect(banner).toContainElement(
      screen.getByRole('heading', { level: 1, name: 'GLM Infill Lab' }),
    );
    expect(banner).toHaveTextContent(/fill them back in/);
  });

  it('has a main area for the panels', () => {
    render(<App />);
    expect(screen.getByRole('main')).toBeInTheDocument();
  });
});
