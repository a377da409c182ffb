import { expect } from '@open-wc/testing';
import { manualClock, setClock, VERSION, type Clock } from '@sportello/core';
import { manualTimers } from './admin/manual-timers.js';
import { DEFAULT_SETTINGS, DEVICE_KEYS, kioskStore, type KioskSettings, type WipeRecord } from './device.js';
import {
  HEARTBEAT_ENDPOINT,
  HEARTBEAT_INTERVAL_MS,
  KIOSK_KEY_HEADER,
  loadHeartbeatState,
  startHeartbeat,
  storageKindOf,
  type Heartbeat,
} from './heartbeat.js';

const settings: KioskSettings = {
  ...DEFAULT_SETTINGS,
  name: 'Biblioteca civica, ingresso',
  location: 'Via Roma 1',
  kioskKey: 'k-3f9a2c7e5b1d',
};

let space: string;
let previousClock: Clock;
let heartbeat: Heartbeat | undefined;

/** What the test endpoint (scripts/test-api.mjs) received: how many POSTs, and the first one's body. */
async function received(): Promise<{ attempts: number; body?: unknown }> {
  const { attempts, writes } = (await (await fetch(`/test-api/writes/${space}`)).json()) as {
    attempts: number;
    writes: { body: string }[];
  };
  return { attempts, ...(writes[0] ? { body: JSON.parse(writes[0].body) } : {}) };
}

/**
 * The browser's own fetch, with each request kept as it went out (its headers included, which the
 * test endpoint does not record) and each answer awaitable.
 */
function watchedFetch() {
  const requests: Request[] = [];
  const answers: Promise<unknown>[] = [];
  const watched = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request.clone());
    const answer = fetch(request);
    answers.push(answer.catch(() => undefined));
    return answer;
  };
  return { fetch: watched, requests, allAnswered: () => Promise.all(answers) };
}

describe('startHeartbeat', () => {
  beforeEach(async () => {
    space = crypto.randomUUID();
    previousClock = setClock(manualClock('2026-11-23T09:00:00Z'));
    await kioskStore().device.delete(DEVICE_KEYS.heartbeat);
    await kioskStore().device.delete(DEVICE_KEYS.wipeLog);
  });
  afterEach(() => {
    heartbeat?.stop();
    heartbeat = undefined;
    setClock(previousClock);
  });

  it('sends the version, the service worker, storage used and the newest self-check, with the kiosk key, and nothing else', async () => {
    const log: WipeRecord[] = [
      {
        at: '2026-11-23T08:55:00Z',
        passed: false,
        failed: [
          'sessionStorage',
          'IndexedDB sportello-kiosk-citizen',
          'IndexedDB workbox-background-sync',
          'Cache API sportello-kiosk-public: a personal answer',
        ],
      },
      { at: '2026-11-23T08:40:00Z', passed: true, failed: [] },
    ];
    await kioskStore().device.set(DEVICE_KEYS.wipeLog, log);
    const network = watchedFetch();

    heartbeat = startHeartbeat({
      settings: () => settings,
      serviceWorker: () => 'active',
      endpoint: `/test-api/writes/${space}`,
      fetch: network.fetch,
      timers: manualTimers(),
    });
    await heartbeat.sendNow();

    const { attempts, body } = await received();
    expect(attempts).to.equal(1);
    const sent = body as Record<string, unknown>;
    expect(Object.keys(sent).sort()).to.deep.equal([
      'lastSelfCheck',
      'serviceWorker',
      'storageUsedBytes',
      'version',
    ]);
    expect(sent).to.deep.include({
      version: VERSION,
      serviceWorker: 'active',
      lastSelfCheck: {
        at: '2026-11-23T08:55:00Z',
        passed: false,
        failed: ['sessionStorage', 'indexedDB', 'cacheStorage'],
      },
    });
    expect(sent.storageUsedBytes).to.be.a('number').and.to.be.greaterThan(0);
    const [request] = network.requests;
    expect(request!.method).to.equal('POST');
    expect(request!.headers.get(KIOSK_KEY_HEADER)).to.equal('k-3f9a2c7e5b1d');
    expect(request!.headers.get('Content-Type')).to.equal('application/json');
    const text = JSON.stringify(body);
    expect(text, 'the kiosk’s name and place are not sent').not.to.include('Biblioteca');
    expect(text).not.to.include('Via Roma');
    expect(text, 'the key travels in the header only').not.to.include('k-3f9a2c7e5b1d');
    expect(text, 'no names of databases or caches').not.to.include('sportello-kiosk');
    expect(await loadHeartbeatState()).to.deep.equal({
      lastStatus: 201,
      lastAttemptAt: '2026-11-23T09:00:00.000Z',
      lastContactAt: '2026-11-23T09:00:00.000Z',
    });
  });

  it('names the kinds of storage a self-check found something in, never the stores', () => {
    const findings = {
      'IndexedDB sportello-kiosk-citizen': 'indexedDB',
      'IndexedDB sportello-kiosk-device: keys outside the allow-list': 'indexedDB',
      'Cache API sportello-kiosk-citizen': 'cacheStorage',
      'Cache API workbox-precache-v2: a personal answer': 'cacheStorage',
      'DOM sportello-payment': 'forms',
      'DOM: a filled field': 'forms',
      sessionStorage: 'sessionStorage',
      localStorage: 'localStorage',
      cookies: 'cookies',
      address: 'history',
      history: 'history',
      'object URLs': 'other',
      'self-check could not read the storage': 'other',
    };
    for (const [finding, kind] of Object.entries(findings))
      expect(storageKindOf(finding), finding).to.equal(kind);
  });

  it('sends no self-check before the first session has ended', async () => {
    heartbeat = startHeartbeat({
      settings: () => settings,
      serviceWorker: () => 'none',
      endpoint: `/test-api/writes/${space}`,
      timers: manualTimers(),
    });
    await heartbeat.sendNow();
    const { body } = await received();
    expect(Object.keys(body as object).sort()).to.deep.equal([
      'serviceWorker',
      'storageUsedBytes',
      'version',
    ]);
  });

  it('beats at the start and every five minutes until stopped', async () => {
    const timers = manualTimers();
    // Each beat reads the settings first, as it starts: a count of beats begun.
    let begun = 0;
    heartbeat = startHeartbeat({
      settings: () => {
        begun += 1;
        return settings;
      },
      serviceWorker: () => 'active',
      endpoint: `/test-api/writes/${space}`,
      timers,
    });
    expect(begun, 'one at the start').to.equal(1);
    await heartbeat.sendNow(); // joins the one sent at the start
    expect((await received()).attempts).to.equal(1);

    timers.advance(HEARTBEAT_INTERVAL_MS - 1);
    expect(begun, 'not before five minutes').to.equal(1);
    timers.advance(1);
    expect(begun).to.equal(2);
    await heartbeat.sendNow(); // joins the one the interval began
    expect((await received()).attempts).to.equal(2);
    timers.advance(HEARTBEAT_INTERVAL_MS);
    await heartbeat.sendNow();
    expect((await received()).attempts).to.equal(3);

    heartbeat.stop();
    expect(timers.pending).to.equal(0);
    timers.advance(HEARTBEAT_INTERVAL_MS * 3);
    expect(begun).to.equal(3);
  });

  it('records the gateway’s answer when it refuses the key', async () => {
    heartbeat = startHeartbeat({
      settings: () => settings,
      serviceWorker: () => 'active',
      endpoint: `/test-api/writes/${space}?respond=401`,
      timers: manualTimers(),
    });
    await heartbeat.sendNow();
    expect(await loadHeartbeatState()).to.deep.include({
      lastStatus: 401,
      lastContactAt: '2026-11-23T09:00:00.000Z',
    });
  });

  it('records offline without throwing, and keeps the time of the last contact', async () => {
    const clock = manualClock('2026-11-23T09:00:00Z');
    setClock(clock);
    heartbeat = startHeartbeat({
      settings: () => settings,
      serviceWorker: () => 'active',
      endpoint: `/test-api/writes/${space}`,
      timers: manualTimers(),
    });
    await heartbeat.sendNow();
    heartbeat.stop();

    clock.advance(HEARTBEAT_INTERVAL_MS);
    // Nothing listens there: the request fails as it does with the network gone.
    heartbeat = startHeartbeat({
      settings: () => settings,
      serviceWorker: () => 'active',
      endpoint: 'http://127.0.0.1:9/api/kiosks/heartbeat',
      timers: manualTimers(),
    });
    await heartbeat.sendNow();

    expect(await loadHeartbeatState()).to.deep.equal({
      lastStatus: 'offline',
      lastAttemptAt: '2026-11-23T09:05:00.000Z',
      lastContactAt: '2026-11-23T09:00:00.000Z',
    });
  });

  it('sends nothing while no kiosk key is set, and starts once one is', async () => {
    let current: KioskSettings = { ...settings, kioskKey: '' };
    const timers = manualTimers();
    const network = watchedFetch();
    heartbeat = startHeartbeat({
      settings: () => current,
      serviceWorker: () => 'active',
      endpoint: `/test-api/writes/${space}`,
      fetch: network.fetch,
      timers,
    });
    await heartbeat.sendNow();
    expect(network.requests).to.have.length(0);
    expect(await loadHeartbeatState()).to.deep.equal({});

    current = settings;
    timers.advance(HEARTBEAT_INTERVAL_MS);
    await heartbeat.sendNow(); // joins the beat the interval started
    expect((await received()).attempts).to.equal(1);
  });

  it('goes to the gateway’s heartbeat operation on the kiosk’s own origin by default', async () => {
    const network = watchedFetch();
    heartbeat = startHeartbeat({
      settings: () => settings,
      serviceWorker: () => 'active',
      fetch: network.fetch,
      timers: manualTimers(),
    });
    await heartbeat.sendNow();
    expect(network.requests.map((request) => request.url)).to.deep.equal([
      new URL(HEARTBEAT_ENDPOINT, location.href).href,
    ]);
    expect(new URL(network.requests[0]!.url).pathname).to.equal('/api/kiosks/heartbeat');
  });
});
