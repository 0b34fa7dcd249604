import { afterEach, describe, expect, it } from 'vitest';
import { clearFlash, leaveFlash, readFlash } from '../../../console/lib/flash.ts';

afterEach(() => clearFlash());

describe('the notice carried to a newly created item’s page', () => {
  it('is shown on that item’s page, as often as it renders, and nowhere else', () => {
    leaveFlash('tp_new', 'Live: open sidebars pick it up.');
    expect(readFlash('tp_new')).toBe('Live: open sidebars pick it up.');
    expect(readFlash('tp_new')).toBe('Live: open sidebars pick it up.');
    expect(readFlash('tp_other')).toBeNull();
    expect(readFlash(undefined)).toBeNull();
  });

  it('is gone once cleared, and a newer one replaces it', () => {
    leaveFlash('tp_1', 'First');
    leaveFlash('tp_2', 'Second');
    expect(readFlash('tp_1')).toBeNull();
    expect(readFlash('tp_2')).toBe('Second');
    clearFlash();
    expect(readFlash('tp_2')).toBeNull();
  });
});
