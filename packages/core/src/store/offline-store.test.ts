import { expect } from '@open-wc/testing';
import { manualClock } from '../clock.js';
import { OfflineStore } from './offline-store.js';

let store: OfflineStore;
let space: string;

/** What the idempotent test endpoint (scripts/test-api.mjs) recorded for this test. */
async function received(): Promise<{
  attempts: number;
  writes: { key: string; body: string; deliveries: number }[];
}> {
  return (await fetch(`/test-api/writes/${space}`)).json();
}
const endpoint = (query = '') => `/test-api/writes/${space}${query}`;

/**
 * A fetch whose request goes out (`sent`) and whose answer comes only when the test gives it, abort
 * or not: a network that hangs, and a fetch (an integrator's) that does not heed an AbortSignal.
 */
function unansweredNetwork() {
  let answer!: (response: Response) => void;
  let wasSent!: () => void;
  const sent = new Promise<void>((resolve) => (wasSent = resolve));
  const fetch = () => {
    wasSent();
    return new Promise<Response>((resolve) => (answer = resolve));
  };
  return { fetch, sent, answer: (response: Response) => answer(response) };
}

/**
 * Runs `body` with a second store of this test's database (a kiosk whose network is `fetch`, or the
 * same kiosk in another tab) holding one citizen's queued write, whose replay has started; closes it.
 */
async function whileReplaying(
  fetch: typeof globalThis.fetch,
  body: (kiosk: OfflineStore, replay: ReturnType<OfflineStore['outbox']['replay']>) => Promise<void>,
) {
  const kiosk = new OfflineStore({ name: `test-${space}`, fetch });
  try {
    await kiosk.outbox.enqueue({ method: 'POST', url: endpoint(), body: { cf: 'RCCMNL83S18D969H' } });
    await body(kiosk, kiosk.outbox.replay());
  } finally {
    kiosk.close();
  }
}

describe('OfflineStore', () => {
  beforeEach(() => {
    space = crypto.randomUUID();
    store = new OfflineStore({ name: `test-${space}`, now: manualClock('2026-11-23T09:00:00Z').now });
  });
  afterEach(async () => {
    await store.wipeCitizen();
    store.close();
  });

  it('keeps the device scope and erases the whole citizen scope: data, cache and session', async () => {
    await store.device.set('language', 'en');
    await store.citizen.set('draft', { codiceFiscale: 'RCCMNL83S18D969H' });
    const cache = await store.citizen.cache();
    await cache.put('/api/me', new Response('{"name":"Emanuele"}'));
    sessionStorage.setItem('step', 'review');
    expect(await store.citizenIsEmpty()).to.equal(false);

    const { erased } = await store.wipeCitizen();

    expect(erased).to.equal(true);
    expect(await store.device.get('language')).to.equal('en');
    expect(await store.citizen.get('draft')).to.equal(undefined);
    expect(await store.citizen.keys()).to.deep.equal([]);
    expect(sessionStorage.length).to.equal(0);
    expect(await caches.has(`test-${space}-citizen`)).to.equal(false);
    const reopened = new OfflineStore({ name: `test-${space}` });
    expect(await reopened.citizen.get('draft')).to.equal(undefined);
    reopened.close();
  });

  it('leaves nothing for the next citizen even when another tab holds the database open', async () => {
    const otherTab = new OfflineStore({ name: `test-${space}` });
    await otherTab.citizen.set('booking', 'ABC123');
    await store.citizen.set('draft', 1);
    expect((await store.wipeCitizen()).erased).to.equal(true);
    expect(await otherTab.citizen.get('booking')).to.equal(undefined);
    otherTab.close();
  });

  it('clears the session even when the database cannot be deleted, and says the wipe failed', async () => {
    sessionStorage.setItem('step', 'review');
    // IndexedDB failing as it can with storage refused or a broken profile.
    Object.defineProperty(indexedDB, 'deleteDatabase', {
      configurable: true,
      value: () => {
        const request = {} as IDBOpenDBRequest;
        queueMicrotask(() => request.onerror?.call(request, new Event('error')));
        return request;
      },
    });
    try {
      expect(await store.wipeCitizen()).to.deep.equal({ erased: false });
      expect(sessionStorage.length, 'the citizen’s session data is gone all the same').to.equal(0);
    } finally {
      delete (indexedDB as { deleteDatabase?: unknown }).deleteDatabase; // the prototype's comes back
    }
  });

  it('replays queued writes on demand, each with its own Idempotency-Key', async () => {
    const first = await store.outbox.enqueue({ method: 'POST', url: endpoint(), body: { n: 1 } });
    const second = await store.outbox.enqueue({ method: 'POST', url: endpoint(), body: { n: 2 } });
    expect(first.idempotencyKey).not.to.equal(second.idempotencyKey);
    expect(first.createdAt).to.equal(Date.parse('2026-11-23T09:00:00Z'));

    const report = await store.outbox.replay();

    expect(report.delivered.map((d) => d.status)).to.deep.equal([201, 201]);
    expect(report.waiting).to.equal(0);
    expect(await store.outbox.entries()).to.deep.equal([]);
    const { writes } = await received();
    expect(writes.map((w) => [w.key, JSON.parse(w.body)])).to.deep.equal([
      [first.idempotencyKey, { n: 1 }],
      [second.idempotencyKey, { n: 2 }],
    ]);
  });

  it('keeps a write the server could not take, and retries it later with the same key', async () => {
    const entry = await store.outbox.enqueue({
      method: 'POST',
      url: endpoint('?respond=503'),
      body: { n: 1 },
    });
    const later = await store.outbox.enqueue({ method: 'POST', url: endpoint(), body: { n: 2 } });

    const failed = await store.outbox.replay();
    expect(failed.delivered).to.deep.equal([]);
    expect(failed.waiting).to.equal(2); // order kept: the second waits behind the first
    const [kept] = await store.outbox.entries();
    expect(kept!.idempotencyKey).to.equal(entry.idempotencyKey);
    expect(kept!.attempts).to.equal(1);
    expect((await received()).writes).to.deep.equal([]);
    expect(later.id).not.to.equal(entry.id);
  });

  it('keeps a write answered "still running" (409 with Retry-After) to retry, not as refused', async () => {
    // The contract's idempotency-request-in-progress: another tab sent this write and it is running.
    await store.outbox.enqueue({
      method: 'POST',
      url: endpoint('?respond=409&retry-after=1'),
      body: { n: 1 },
    });
    const report = await store.outbox.replay();
    expect(report.rejected).to.deep.equal([]);
    expect(report.waiting).to.equal(1);
    const [entry] = await store.outbox.entries();
    expect(entry!.rejectedWith).to.equal(undefined);
    await store.outbox.replay();
    expect((await received()).attempts, 'tried again').to.equal(2);
  });

  it('keeps a write the server refused for good, marked, without retrying it', async () => {
    await store.outbox.enqueue({ method: 'POST', url: endpoint('?respond=422'), body: { n: 1 } });
    const report = await store.outbox.replay();
    expect(report.rejected.map((d) => d.status)).to.deep.equal([422]);
    const [entry] = await store.outbox.entries();
    expect(entry!.rejectedWith).to.equal(422);
    await store.outbox.replay();
    expect((await received()).attempts).to.equal(1);
    await store.outbox.discard(entry!.id);
    expect(await store.outbox.entries()).to.deep.equal([]);
  });

  it('sends each write once when replays overlap, and the server sees one key even if sent twice', async () => {
    const entry = await store.outbox.enqueue({ method: 'POST', url: endpoint(), body: { n: 1 } });
    const [a, b] = await Promise.all([store.outbox.replay(), store.outbox.replay()]);
    expect(a).to.equal(b);
    expect((await received()).attempts).to.equal(1);

    // A response lost on the way back: the same key arrives again and the server does it once.
    await fetch(endpoint(), {
      method: 'POST',
      headers: { 'Idempotency-Key': entry.idempotencyKey },
      body: '{"n":1}',
    });
    const { writes } = await received();
    expect(writes).to.have.length(1);
    expect(writes[0]!.deliveries).to.equal(2);
  });

  it('replays by itself when the browser comes back online', async () => {
    await store.outbox.enqueue({ method: 'POST', url: endpoint(), body: { n: 1 } });
    const stop = store.outbox.replayWhenOnline(window);
    window.dispatchEvent(new Event('online'));
    stop();
    // The listener started a replay; asking for one joins it or finds the outbox already empty.
    await store.outbox.replay();
    expect((await received()).writes).to.have.length(1);
    expect(await store.outbox.entries()).to.deep.equal([]);
  });

  it('a replay still running when the session ends does not bring the citizen’s writes back', async () => {
    await store.outbox.enqueue({
      method: 'POST',
      url: endpoint('?respond=503'),
      body: { cf: 'RCCMNL83S18D969H' },
    });
    const replay = store.outbox.replay(); // fails, and puts the entry back with one more attempt
    const { erased } = await store.wipeCitizen();
    await replay;
    expect(erased).to.equal(true);
    expect(await store.outbox.entries()).to.deep.equal([]);
  });

  it('ends the session at once when a replay waits on a network that does not answer', async () => {
    const network = unansweredNetwork();
    await whileReplaying(network.fetch, async (kiosk, replay) => {
      await network.sent;
      expect((await kiosk.wipeCitizen()).erased, 'without waiting for the answer').to.equal(true);
      network.answer(new Response('', { status: 503 })); // a fetch that does not heed the abort
      expect((await replay).waiting).to.equal(1);
      expect(await kiosk.citizenIsEmpty(), 'the write is not put back').to.equal(true);
    });
  });

  it('sends nothing more once a wipe has stopped the replay', async () => {
    let sent = 0;
    const fetch = async () => {
      sent++; // a fetch that does not heed the abort
      return new Response('', { status: 201 });
    };
    await whileReplaying(fetch, async (kiosk, replay) => {
      await kiosk.wipeCitizen(); // while the replay reads the outbox
      await replay;
      expect(sent).to.equal(0);
    });
  });

  it('does not let a replay in another tab write the citizen back after a wipe', async () => {
    const network = unansweredNetwork();
    await whileReplaying(network.fetch, async (_otherTab, replay) => {
      await network.sent;
      expect((await store.wipeCitizen()).erased).to.equal(true);
      network.answer(new Response('', { status: 503 }));
      await replay;
      expect(await store.citizenIsEmpty(), 'no database opened again for the write').to.equal(true);
    });
  });

  it('erases queued writes with the citizen: they may hold personal data', async () => {
    await store.outbox.enqueue({
      method: 'POST',
      url: endpoint('?respond=503'),
      body: { cf: 'RCCMNL83S18D969H' },
    });
    await store.outbox.replay();
    expect(await store.outbox.entries()).to.have.length(1);
    await store.wipeCitizen();
    expect(await store.outbox.entries()).to.deep.equal([]);
  });
});
