import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { ADMIN_HOLD_MS, watchAdminGesture } from './gesture.js';
import { manualTimers, type ManualTimers } from './manual-timers.js';

let header: HTMLElement;
let target: HTMLElement;
let timers: ManualTimers;
let opened: number;
let stop: () => void;

/** The middle of the target, moved by `dx`, in viewport pixels (what sendMouse takes). */
function point(dx = 0): [number, number] {
  const box = target.getBoundingClientRect();
  return [Math.round(box.left + box.width / 2 + dx), Math.round(box.top + box.height / 2)];
}

async function pressAt(dx = 0) {
  await sendMouse({ type: 'move', position: point(dx) });
  await sendMouse({ type: 'down' });
}

describe('watchAdminGesture', () => {
  beforeEach(async () => {
    header = await fixture(html`
      <header>
        <p class="arms">Comune di Roccasecca</p>
        <p>Benvenuto</p>
      </header>
    `);
    target = header.querySelector('.arms')!;
    target.style.inlineSize = '300px';
    target.style.blockSize = '120px';
    timers = manualTimers();
    opened = 0;
    stop = watchAdminGesture(target, () => opened++, { timers });
  });
  afterEach(async () => {
    stop();
    await resetMouse();
  });

  it('opens after the full five-second hold, not before', async () => {
    await pressAt();
    timers.advance(ADMIN_HOLD_MS - 1);
    expect(opened).to.equal(0);
    timers.advance(1);
    expect(opened).to.equal(1);
    timers.advance(ADMIN_HOLD_MS * 2);
    expect(opened, 'once per hold').to.equal(1);
    await sendMouse({ type: 'up' });
  });

  it('does not open when the finger lifts before five seconds', async () => {
    await pressAt();
    timers.advance(ADMIN_HOLD_MS - 100);
    await sendMouse({ type: 'up' });
    timers.advance(ADMIN_HOLD_MS);
    expect(opened).to.equal(0);

    // A second hold starts from zero.
    await pressAt();
    timers.advance(ADMIN_HOLD_MS - 1);
    expect(opened).to.equal(0);
    timers.advance(1);
    expect(opened).to.equal(1);
    await sendMouse({ type: 'up' });
  });

  it('does not open when the pointer moves away', async () => {
    await pressAt();
    timers.advance(1000);
    await sendMouse({ type: 'move', position: [point()[0], target.getBoundingClientRect().bottom + 40] });
    timers.advance(ADMIN_HOLD_MS);
    expect(opened).to.equal(0);
    await sendMouse({ type: 'up' });
  });

  it('forgives a resting finger’s drift, not a swipe', async () => {
    await pressAt();
    await sendMouse({ type: 'move', position: point(8) });
    timers.advance(ADMIN_HOLD_MS);
    expect(opened, 'a few pixels').to.equal(1);
    await sendMouse({ type: 'up' });

    await pressAt();
    await sendMouse({ type: 'move', position: point(80) });
    timers.advance(ADMIN_HOLD_MS);
    expect(opened, 'a swipe across the name').to.equal(1);
    await sendMouse({ type: 'up' });
  });

  it('ignores holds elsewhere in the header', async () => {
    const other = header.querySelectorAll('p')[1]!.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(other.left + 5), Math.round(other.top + 5)] });
    await sendMouse({ type: 'down' });
    timers.advance(ADMIN_HOLD_MS);
    expect(opened).to.equal(0);
    await sendMouse({ type: 'up' });
  });

  it('opens with Ctrl+Alt+A once the target has the keyboard focus, and says so to assistive technology', async () => {
    expect(target.tabIndex).to.equal(0);
    expect(target.getAttribute('aria-keyshortcuts')).to.equal('Control+Alt+A');
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(target);
    await sendKeys({ press: 'KeyA' });
    expect(opened, 'A alone').to.equal(0);
    await sendKeys({ down: 'Control' });
    await sendKeys({ down: 'Alt' });
    await sendKeys({ press: 'KeyA' });
    await sendKeys({ up: 'Alt' });
    await sendKeys({ up: 'Control' });
    expect(opened).to.equal(1);
  });

  it('stops watching, and gives the target back as it was', async () => {
    stop();
    expect(target.hasAttribute('tabindex')).to.equal(false);
    expect(target.hasAttribute('aria-keyshortcuts')).to.equal(false);
    expect(target.style.touchAction).to.equal('');
    await pressAt();
    timers.advance(ADMIN_HOLD_MS);
    expect(opened).to.equal(0);
    await sendMouse({ type: 'up' });
  });

  it('stops a hold in progress when it stops watching', async () => {
    await pressAt();
    timers.advance(1000);
    stop();
    expect(timers.pending).to.equal(0);
    await sendMouse({ type: 'up' });
  });
});
