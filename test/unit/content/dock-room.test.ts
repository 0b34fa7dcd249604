// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { createRoom, MIN_APP_WIDTH } from '../../../lib/content/dock-room.ts';
import { room } from '../../../lib/sites/room.ts';
import { layoutModel } from './layout-model.ts';

const layout = layoutModel();

const PROBE = [room('2026-12', '#app', 'width'), room('2026-12', 'main', 'margin-right')];
const right = (selector: string) => document.querySelector(selector)?.getBoundingClientRect().right;

beforeEach(() => {
  layout.viewport = 1280;
  document.body.innerHTML = '<div id="app" style="width: 100%; color: red;"><main>Hi</main></div>';
});

describe('the room the dock takes', () => {
  it('pulls in the first alternative the page has, and gives it back with the page’s own inline style', () => {
    const own = document.querySelector('#app')?.getAttribute('style');
    const dockRoom = createRoom();
    expect(dockRoom.make(PROBE, 390)).toBe(true);
    expect(right('#app')).toBe(1280 - 390);
    dockRoom.give();
    expect(right('#app')).toBe(1280);
    expect(document.querySelector('#app')?.getAttribute('style')).toBe(own);
  });

  it('leaves no style attribute on an element that had none, and puts back an !important of the page’s', () => {
    const main = document.querySelector('main') as HTMLElement;
    const dockRoom = createRoom();
    dockRoom.make([PROBE[1] as (typeof PROBE)[1]], 390);
    expect(right('main')).toBe(890);
    dockRoom.give();
    expect(main.hasAttribute('style')).toBe(false);

    main.style.setProperty('margin-right', '12px', 'important');
    dockRoom.make([PROBE[1] as (typeof PROBE)[1]], 390);
    expect(main.style.getPropertyValue('margin-right')).toBe('390px');
    dockRoom.give();
    expect(main.style.getPropertyValue('margin-right')).toBe('12px');
    expect(main.style.getPropertyPriority('margin-right')).toBe('important');
  });

  it('follows a resize of the dock', () => {
    const dockRoom = createRoom();
    dockRoom.make(PROBE, 390);
    dockRoom.make(PROBE, 500);
    expect(right('#app')).toBe(780);
  });

  it('moves on to the next alternative where a pull does not take, leaving the first as it was', () => {
    const app = document.querySelector('#app') as HTMLElement;
    app.classList.add('stubborn');
    const dockRoom = createRoom();
    expect(dockRoom.make(PROBE, 390)).toBe(true);
    expect(app.getAttribute('style')).toBe('width: 100%; color: red;');
    expect(right('main')).toBe(890);
  });

  it('passes over a hidden element', () => {
    (document.querySelector('#app') as HTMLElement).hidden = true;
    document.body.insertAdjacentHTML('beforeend', '<main id="shown">Hi</main>');
    const dockRoom = createRoom();
    expect(dockRoom.make([room('2026-12', '#app', 'width'), room('2026-12', '#shown', 'margin-right')], 390)).toBe(
      true,
    );
    expect(right('#shown')).toBe(890);
  });

  it('changes nothing where no alternative fits the page: the dock overlays it', () => {
    const before = document.body.innerHTML;
    const dockRoom = createRoom();
    expect(dockRoom.make([room('2026-12', '#elsewhere', 'width')], 390)).toBe(false);
    expect(document.body.innerHTML).toBe(before);
  });

  it('leaves a window too narrow for the app beside the dock as it is', () => {
    layout.viewport = MIN_APP_WIDTH + 389;
    const dockRoom = createRoom();
    expect(dockRoom.make(PROBE, 390)).toBe(false);
    expect(document.querySelector('#app')?.getAttribute('style')).toBe('width: 100%; color: red;');
  });

  it('makes the room again when the app replaces the element, and does nothing while it is in place', () => {
    const dockRoom = createRoom();
    dockRoom.make(PROBE, 390);
    layout.reads = 0;
    dockRoom.keep();
    expect(layout.reads).toBe(0);

    document.body.innerHTML = '<div id="app" style="width: 100%;"><main>Next</main></div>';
    expect(right('#app')).toBe(1280);
    dockRoom.keep();
    expect(right('#app')).toBe(890);

    // The app writes its own inline style over ours.
    document.querySelector('#app')?.setAttribute('style', 'width: 100%;');
    dockRoom.keep();
    expect(right('#app')).toBe(890);
    dockRoom.give();
    expect(document.querySelector('#app')?.getAttribute('style')).toBe('width: 100%;');
    dockRoom.keep();
    expect(right('#app')).toBe(1280);
  });

  it('does not make the room again on a page it already does for', () => {
    const dockRoom = createRoom();
    dockRoom.make(PROBE, 390);
    layout.reads = 0;
    expect(dockRoom.make(PROBE, 390)).toBe(true);
    expect(layout.reads).toBe(0);
  });
});
