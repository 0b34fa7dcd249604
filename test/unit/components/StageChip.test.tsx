import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StageChip } from '../../../components/StageChip.tsx';
import type { StageDefinition } from '../../../lib/contract/funnel.ts';

const MQL: StageDefinition = {
  stage: 'mql',
  name: 'Marketing qualified lead (MQL)',
  definition: 'A lead who fits our customer profile and is engaged enough for sales to call.',
  entryCriteria: 'Engagement score of 20 or more in 30 days.',
  owner: 'marketing',
  agreed: true,
  version: 4,
};

const chip = (definition?: StageDefinition) =>
  render(
    <ul>
      <StageChip stage="mql" definition={definition} />
    </ul>,
  );

afterEach(cleanup);

describe('the stage chip', () => {
  it('is reachable by keyboard and described by the agreed definition', () => {
    chip(MQL);
    const button = screen.getByRole('button', { name: /Lifecycle stage:/ });
    expect(button.tabIndex).toBe(0);
    const tip = screen.getByRole('tooltip', { hidden: true });
    expect(button.getAttribute('aria-describedby')).toBe(tip.id);
    expect(tip.textContent).toContain(MQL.definition);
    expect(tip.textContent).toContain('Entry: Engagement score of 20 or more in 30 days.');
    expect(tip.textContent).toContain('owned by marketing');
    expect(tip.textContent).toContain('Agreed by marketing and sales (version 4).');
    expect(tip.textContent).not.toContain('Not agreed');
  });

  it('says plainly when the current version is not agreed yet', () => {
    chip({ ...MQL, agreed: false, version: 5 });
    const tip = screen.getByRole('tooltip', { hidden: true });
    expect(tip.textContent).toContain("Not agreed yet: marketing and sales haven't both signed version 5.");
  });

  it('stays a plain chip when the funnel has no definition for the stage', () => {
    chip();
    expect(screen.queryByRole('tooltip', { hidden: true })).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByRole('listitem').textContent).toBe('Lifecycle stage: MQL');
  });

  it('hides the tooltip on Escape until focus leaves', () => {
    chip(MQL);
    const button = screen.getByRole('button', { name: /Lifecycle stage:/ });
    const tip = screen.getByRole('tooltip', { hidden: true });
    button.focus();
    fireEvent.keyDown(button, { key: 'Escape' });
    expect(tip.hasAttribute('data-dismissed')).toBe(true);
    fireEvent.blur(button);
    expect(tip.hasAttribute('data-dismissed')).toBe(false);
  });
});
