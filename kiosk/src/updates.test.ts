import { expect, waitUntil } from '@open-wc/testing';
import { manualClock, setClock, type Clock } from '@sportello/core';
import {
  DEFAULT_CHECK_EVERY_MS,
  startUpdates,
  type KioskUpdates,
  type Repeat,
  type WorkerState,
} from './updates.js';

// A real worker, registered outside this page's scope: the page is never controlled by it, so no
// version waits for the page and no reload happens (that path runs in test/e2e/kiosk-offline.e2e.ts).
const TEST_WORKER = '/kiosk/src/updates.test-worker.ts';
const TEST_SCOPE = '/kiosk/src/updates-test-scope/';

/** A Repeat that runs only when the test says. */
function manualRepeat() {
  const repeat = {
    every: undefined as number | undefined,
    callback: undefined as (() => void) | undefined,
    stopped: false,
    fn: ((callback, milliseconds) => {
      repeat.callback = callback;
      repeat.every = milliseconds;
      return () => {
        repeat.stopped = true;
      };
    }) as Repeat,
  };
  return repeat;
}

describe('startUpdates()', () => {
  const clock = manualClock('2025-03-04T09:00:00Z');
  let previousClock: Clock;
  let updates: KioskUpdates | undefined;

  beforeEach(() => {
    previousClock = setClock(clock);
  });

  afterEach(async () => {
    updates?.stop();
    updates = undefined;
    setClock(previousClock);
    for (const registration of await navigator.serviceWorker.getRegistrations())
      await registration.unregister();
  });

  it('registers the worker and reports it installing, then active', async () => {
    const states: WorkerState[] = [];
    const repeat = manualRepeat();
    updates = startUpdates({
      scriptUrl: TEST_WORKER,
      scope: TEST_SCOPE,
      repeat: repeat.fn,
      onStateChange: (state) => states.push(state),
    });
    expect(updates.state).to.equal('none');
    await updates.registered;
    await waitUntil(() => updates!.state === 'active', 'the worker never became active');
    const registration = await navigator.serviceWorker.getRegistration(TEST_SCOPE);
    expect(registration?.active?.scriptURL).to.equal(new URL(TEST_WORKER, location.href).href);
    expect(states.at(-1)).to.equal('active');
    // A first worker is never reported waiting: the shell would activate it and reload the page.
    expect(states).not.to.include('waiting');
  });

  it('looks for a new version every 30 minutes by default, and when asked, recording when', async () => {
    const repeat = manualRepeat();
    updates = startUpdates({ scriptUrl: TEST_WORKER, scope: TEST_SCOPE, repeat: repeat.fn });
    expect(repeat.every).to.equal(DEFAULT_CHECK_EVERY_MS);
    expect(DEFAULT_CHECK_EVERY_MS).to.equal(30 * 60 * 1000);
    await updates.registered;
    await waitUntil(() => updates!.state === 'active', 'the worker never became active');
    expect(updates.lastCheck).to.equal(undefined);

    repeat.callback!();
    // The check fetches the worker's script again: a bound on the wait, not a measure of it.
    await waitUntil(() => updates!.lastCheck !== undefined, 'the periodic check never ran', {
      timeout: 5000,
    });
    expect(updates.lastCheck).to.deep.equal({ at: clock.now(), ok: true });

    clock.advance(60_000);
    await updates.checkNow();
    expect(updates.lastCheck).to.deep.equal({ at: clock.now(), ok: true });
  });

  it('takes the interval it is given, and stops checking when told', async () => {
    const repeat = manualRepeat();
    updates = startUpdates({
      scriptUrl: TEST_WORKER,
      scope: TEST_SCOPE,
      repeat: repeat.fn,
      checkEveryMs: 5_000,
    });
    expect(repeat.every).to.equal(5_000);
    expect(repeat.stopped).to.equal(false);
    updates.stop();
    expect(repeat.stopped).to.equal(true);
  });

  it('does not reload when no new version waits', async () => {
    let reloads = 0;
    updates = startUpdates({
      scriptUrl: TEST_WORKER,
      scope: TEST_SCOPE,
      repeat: manualRepeat().fn,
      reload: () => reloads++,
    });
    await updates.registered;
    await waitUntil(() => updates!.state === 'active', 'the worker never became active');
    await updates.checkNow();
    expect(updates.activateIfWaiting()).to.equal(false);
    expect(updates.state).to.equal('active');
    expect(reloads).to.equal(0);
  });

  it('stays quietly without a worker when registration fails', async () => {
    let reloads = 0;
    updates = startUpdates({
      scriptUrl: '/kiosk/src/no-such-worker.js',
      scope: TEST_SCOPE,
      repeat: manualRepeat().fn,
      reload: () => reloads++,
    });
    await updates.registered;
    await updates.checkNow();
    expect(updates.state).to.equal('none');
    expect(updates.lastCheck).to.equal(undefined);
    expect(updates.activateIfWaiting()).to.equal(false);
    expect(reloads).to.equal(0);
  });
});
