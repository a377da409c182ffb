import { expect, fixture, html } from '@open-wc/testing';
import { openDB } from 'idb';
import { DEVICE_KEYS, kioskStore, wipeLog } from '../device.js';
import { PUBLIC_DATA_CACHE } from '../worker-routes.js';
import { revokeObjectUrls, trackObjectUrls } from './object-urls.js';
import { findCitizenData, selfCheck, type SelfCheckOptions } from './self-check.js';
import { wipeCitizenData } from './wipe.js';

const shellPath = location.pathname + location.search;

async function options(): Promise<SelfCheckOptions> {
  const root = await fixture<HTMLDivElement>(html`<div></div>`);
  return { root, historyLength: history.length, shellPath };
}

describe('the session-end self-check', () => {
  before(() => trackObjectUrls());
  beforeEach(async () => {
    await wipeCitizenData();
    await kioskStore().device.delete(DEVICE_KEYS.wipeLog);
  });

  it('passes on a clean kiosk whose device scope holds only its own keys and caches', async () => {
    await kioskStore().device.set(DEVICE_KEYS.settings, { idleSeconds: 90 });
    await (await caches.open('workbox-precache-v2-test')).put('/kiosk/kiosk.js', new Response('//'));
    await (await caches.open(PUBLIC_DATA_CACHE)).put('/api/municipality', new Response('{}'));
    expect(await findCitizenData(await options())).to.deep.equal([]);
    await caches.delete('workbox-precache-v2-test');
    await caches.delete(PUBLIC_DATA_CACHE);
  });

  it('names each kind of storage where something was left, never what was in it', async () => {
    const citizen = kioskStore().citizen;
    await citizen.set('draft', { fiscalCode: 'RSSMRA80A01H501U' });
    const other = await openDB('someone-elses-db', 1, { upgrade: (db) => db.createObjectStore('x') });
    other.close();
    await kioskStore().device.set('last-citizen', 'Mario Rossi');
    await (await caches.open('answers')).put('/api/citizens/me', new Response('{}'));
    await (await caches.open(PUBLIC_DATA_CACHE)).put('/api/payments/notices/1', new Response('{}'));
    sessionStorage.setItem('k', 'v');
    localStorage.setItem('k', 'v');
    document.cookie = 'citizen=1; Path=/';
    const url = URL.createObjectURL(new Blob(['receipt']));
    const { root } = await options();
    root.append(document.createElement('sportello-booking'));
    const field = document.createElement('input');
    field.value = 'RSSMRA80A01H501U';
    root.append(field);
    history.replaceState(null, '', `${shellPath}#manage=ABC`);

    const record = await selfCheck(
      { root, historyLength: history.length, shellPath },
      new Date('2026-11-23T10:00:00Z'),
    );
    expect(record.passed).to.equal(false);
    expect(record.failed).to.have.members([
      'IndexedDB sportello-kiosk-citizen',
      'IndexedDB someone-elses-db',
      'IndexedDB sportello-kiosk-device: keys outside the allow-list',
      'Cache API answers',
      `Cache API ${PUBLIC_DATA_CACHE}: a personal answer`,
      'object URLs',
      'DOM sportello-booking',
      'DOM: a filled field',
      'sessionStorage',
      'localStorage',
      'cookies',
      'address',
    ]);
    const recorded = JSON.stringify(await wipeLog());
    for (const secret of ['RSSMRA80A01H501U', 'Mario Rossi', 'ABC', 'receipt']) {
      expect(recorded, 'the log keeps names of places only').to.not.include(secret);
    }

    // The wipe clears every one of them that is storage; the page's are the shell's to clear.
    history.replaceState(null, '', shellPath);
    root.replaceChildren();
    await wipeCitizenData();
    await caches.delete(PUBLIC_DATA_CACHE);
    expect(await findCitizenData({ root, historyLength: history.length, shellPath })).to.deep.equal([]);
    expect(
      await fetch(url).then(
        () => 'read',
        () => 'gone',
      ),
      'the object URL was revoked',
    ).to.equal('gone');
  });

  it('finds a revoked object URL that can still be read, and history the session added', async () => {
    const { root } = await options();
    URL.createObjectURL(new Blob(['x']));
    revokeObjectUrls();
    // A window of its own: this tab's history may already hold the 50 entries Chromium counts. (A
    // page of its own too: the first about:blank of a window replaces its entry at every change.)
    const blank = URL.createObjectURL(
      new Blob(['<!doctype html><title>shell</title>'], { type: 'text/html' }),
    );
    const view = window.open(blank)!;
    try {
      await new Promise((resolve) => view.addEventListener('load', resolve, { once: true }));
      revokeObjectUrls();
      const length = view.history.length;
      const path = view.location.pathname + view.location.search;
      view.history.pushState(null, '');
      const found = await findCitizenData({ root, historyLength: length, shellPath: path, view });
      expect(found).to.deep.equal(['history']);
    } finally {
      view.close();
    }
  });

  it('keeps the last results in the device scope, newest first', async () => {
    const opts = await options();
    await selfCheck(opts, new Date('2026-11-23T10:00:00Z'));
    sessionStorage.setItem('k', 'v');
    await selfCheck(opts, new Date('2026-11-23T10:05:00Z'));
    sessionStorage.clear();
    const log = await wipeLog();
    expect(log.map((r) => [r.at, r.passed, r.failed])).to.deep.equal([
      ['2026-11-23T10:05:00.000Z', false, ['sessionStorage']],
      ['2026-11-23T10:00:00.000Z', true, []],
    ]);
  });
});
