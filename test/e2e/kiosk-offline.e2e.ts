// The kiosk's service worker in Chromium, as built by `npm run build` (dist/kiosk) and served by the
// gateway: it takes control on the first load, keeps the kiosk showing when the network and the
// gateway are gone, keeps only the gateway's public answers, and a new build's worker waits through a
// session until the page says the kiosk is free (updates.ts's activateIfWaiting).
import assert from 'node:assert/strict';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { precompressFile } from '../../scripts/precompress.mjs';
import { CATALOGUE_PATHS, CHANGING_PATHS, PUBLIC_DATA_CACHE } from '../../kiosk/src/worker-routes.js';
import { ERASED_SCREEN_MS } from '../../kiosk/src/shell/kiosk-shell.js';
import { launchChromium, watchPage } from '../support/browser.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { setUpKiosk } from '../support/kiosk.js';
import { scanQrCode } from '../support/pdf-reading.js';

const BUILT_KIOSK = 'dist/kiosk';
const PUBLIC_PATHS: string[] = [...CATALOGUE_PATHS, ...CHANGING_PATHS];

/** What the pages below keep on `window` for the test to read. */
interface TestWindow {
  /** Set on the page before an update: gone once the page has reloaded. */
  sameDocument?: boolean;
  /** The worker of the new build, as the registration found it. */
  newWorker?: ServiceWorker;
}

/** The address of every request kept in any Cache API cache of the page's origin, by cache. */
function cachedAddresses(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const byCache: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      byCache[name] = (await cache.keys()).map((request) => new URL(request.url).pathname);
    }
    return byCache;
  });
}

/** Waits until the page is controlled by a worker, and returns the worker's script address. */
async function controlledBy(page: Page): Promise<string> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return page.evaluate(() => new URL(navigator.serviceWorker.controller!.scriptURL).pathname);
}

let browser: Browser;
before(async () => {
  assert.ok(existsSync(join(BUILT_KIOSK, 'sw.js')), 'run `npm run build` first: dist/kiosk/sw.js is missing');
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

describe('the kiosk offline', () => {
  let gateway: TestGateway | undefined;
  after(async () => {
    await gateway?.close();
  });

  it('takes control on the first load, then shows the kiosk with the network and the gateway gone', async () => {
    gateway = await startTestGateway('sqlite', { siteRoot: '.' });
    const origin = gateway.url;

    // The files that tell a kiosk about a new build are checked with the gateway at every load.
    for (const path of ['/kiosk/sw.js', '/kiosk/', '/kiosk/manifest.webmanifest']) {
      const response = await fetch(`${origin}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('cache-control'), 'no-cache', path);
    }
    // The chunks' names change with their content: kept for good.
    const chunk = readdirSync(join(BUILT_KIOSK, 'chunks')).find((name) => name.endsWith('.js'));
    const chunkResponse = await fetch(`${origin}/kiosk/chunks/${chunk}`, {
      headers: { 'Accept-Encoding': 'br' },
    });
    assert.equal(chunkResponse.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const manifest = await (await fetch(`${origin}/kiosk/manifest.webmanifest`)).json();
    assert.equal(manifest.scope, '/kiosk/');
    assert.equal(manifest.start_url, '/kiosk/');

    const context = await browser.newContext();
    const page = await context.newPage();
    await setUpKiosk(context, origin);
    const problems = await watchPage(page);
    await page.goto(`${origin}/kiosk/`);
    // The shell registers the worker itself (main.ts); registering again is the same registration.
    await page.evaluate(() => navigator.serviceWorker.register('/kiosk/sw.js', { scope: '/kiosk/' }));
    assert.equal(await controlledBy(page), '/kiosk/sw.js');

    // Public catalogue data, an answer about no one that the gateway does not list as public, and
    // one about a citizen (refused without a token): only the first are kept.
    const answers = await page.evaluate(
      async (paths) => {
        const statuses: Record<string, number> = {};
        for (const path of [...paths, '/api/health', '/api/me']) statuses[path] = (await fetch(path)).status;
        return statuses;
        // The seal keys as the shell asks for them at each start (its first start's request came before
        // the worker took the page).
      },
      [...CATALOGUE_PATHS, '/api/certificates/seal-keys'],
    );
    assert.equal(answers['/api/municipality'], 200);
    assert.equal(answers['/api/health'], 200);
    assert.equal(answers['/api/me'], 401);
    // Stale-while-revalidate answers first and stores behind; the seal keys, which the shell asks
    // for as it starts, are kept as they come from the network.
    await page.waitForFunction(
      async ({ cacheName, paths }) => {
        const kept = (await (await caches.open(cacheName)).keys()).map(
          (request) => new URL(request.url).pathname,
        );
        return paths.every((path) => kept.includes(path));
      },
      { cacheName: PUBLIC_DATA_CACHE, paths: [...CATALOGUE_PATHS, '/api/certificates/seal-keys'] },
    );
    const title = await page.title();
    const municipality = await page.evaluate(() =>
      fetch('/api/municipality').then((response) => response.json()),
    );

    const cached = await cachedAddresses(page);
    const precache = Object.entries(cached).find(([name]) => name.startsWith('workbox-precache'))?.[1] ?? [];
    for (const path of [
      '/kiosk/index.html',
      '/kiosk/kiosk.js',
      '/kiosk/manifest.webmanifest',
      '/look/comune.css',
    ]) {
      assert.ok(precache.includes(path), `precached: ${path}`);
    }
    for (const [name, paths] of Object.entries(cached)) {
      const apiPaths = paths.filter((path) => path.startsWith('/api/'));
      // The shell's own requests may have added more public answers: only public ones.
      if (name === PUBLIC_DATA_CACHE) {
        for (const path of apiPaths) assert.ok(PUBLIC_PATHS.includes(path), `${path} in ${name}`);
        assert.ok(!apiPaths.includes('/api/health') && !apiPaths.includes('/api/me'));
      } else assert.deepEqual(apiPaths, [], `no API answer in ${name}`);
    }

    // A certificate someone brings to the kiosk to check: its seal, as its QR carries it.
    const seal = await sealOfIssuedCertificate(origin);

    // Offline, and nothing answering at the gateway's address.
    await gateway.close();
    gateway = undefined;
    await context.setOffline(true);
    const reloaded = await page.reload();
    const shellPage = readFileSync(join(BUILT_KIOSK, 'index.html'), 'utf8');
    assert.ok(reloaded?.fromServiceWorker(), 'the page came from the worker');
    assert.equal(reloaded?.status(), 200);
    assert.equal(await reloaded?.text(), shellPage);
    // The shell's script ran from the precache too, and named the municipality from the kept answer.
    await page.waitForFunction((expected) => document.title === expected, title);
    assert.equal(await controlledBy(page), '/kiosk/sw.js');
    // A citizen touches the kiosk: the home screen, and paying a notice says it needs the network
    // and offers the municipal site's page on the phone.
    await page.locator('.kiosk-start').click();
    await page.getByRole('heading', { name: 'Cosa vuoi fare?' }).waitFor();
    await page.locator('[data-service="pay-notice"]').click();
    await page.getByRole('heading', { name: 'Paga un avviso: serve internet' }).waitFor();
    const phoneCode = page.locator('sportello-qr');
    await phoneCode
      .locator('svg[aria-label="Codice QR della pagina del sito del Comune: Paga un avviso"]')
      .waitFor();
    assert.equal(
      await phoneCode.evaluate((qr) => (qr as HTMLElement & { value: string }).value),
      `${origin}/servizi/pagare-avviso.html`,
    );
    // A page under /kiosk/ that the shell routes itself is the shell too.
    const deepLink = await page.goto(`${origin}/kiosk/servizi/pagare`);
    assert.ok(deepLink?.fromServiceWorker());
    assert.equal(await deepLink?.text(), shellPage);

    // (No named functions inside evaluate: the test runner's transform would name them with a helper
    // the page does not have.)
    const [publicAnswer, personalAnswer] = await page.evaluate(
      (paths) =>
        Promise.all(
          paths.map((path) =>
            fetch(path).then(
              async (response) => ({ status: response.status, body: await response.json() }),
              () => 'failed',
            ),
          ),
        ),
      ['/api/municipality', '/api/me'],
    );
    assert.deepEqual(publicAnswer, { status: 200, body: municipality }, 'public data from the cache');
    assert.equal(personalAnswer, 'failed', 'an answer about a citizen comes from no cache');

    // Checking a certificate works offline: the municipality's seal keys are kept with the public data.
    await page.goto(`${origin}/kiosk/`);
    await page.locator('.kiosk-start').click();
    await page.locator('[data-service="verify"]').click();
    const verifier = page.locator('sportello-certificate-verify');
    await verifier.getByLabel('Identificativo del certificato').fill(seal);
    await verifier.getByRole('button', { name: 'Verifica' }).click();
    await verifier.getByRole('heading', { name: 'Il certificato è autentico' }).waitFor();
    assert.deepEqual(problems.cspViolations, []);
    await context.close();
  });
});

/** Issues an exempt birth certificate for the demo's Mario Rossi, and reads the seal off its PDF's QR. */
async function sealOfIssuedCertificate(origin: string): Promise<string> {
  const signIn = await fetch(`${origin}/demo-login/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ fiscalCode: 'RSSMRA50C15L219Y' }),
  });
  const { access_token: token } = (await signIn.json()) as { access_token: string };
  const authorization = { Authorization: `Bearer ${token}` };
  const request = await fetch(`${origin}/api/certificates/requests`, {
    method: 'POST',
    headers: { ...authorization, 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind: 'birth', subject: 'RSSMRA50C15L219Y', use: 'private-party' }),
  });
  const { id } = (await request.json()) as { id: string };
  const link = await fetch(`${origin}/api/certificates/requests/${id}/download-links`, {
    method: 'POST',
    headers: authorization,
  });
  const { url } = (await link.json()) as { url: string };
  const pdf = new Uint8Array(await (await fetch(`${origin}${url}`)).arrayBuffer());
  return (await scanQrCode(pdf))!;
}

describe("the kiosk's updates", () => {
  let site: string;
  let gateway: TestGateway;
  before(async () => {
    // A copy of the build that the test changes as a new build would, with the demo site beside it.
    site = mkdtempSync(join(tmpdir(), 'sportello-kiosk-site-'));
    cpSync(BUILT_KIOSK, join(site, 'dist', 'kiosk'), { recursive: true });
    symlinkSync(resolve('demo'), join(site, 'demo'), 'dir');
    gateway = await startTestGateway('sqlite', { siteRoot: site });
  });
  after(async () => {
    await gateway?.close();
    rmSync(site, { recursive: true, force: true });
  });

  /** The kiosk's worker registration as the page sees it. */
  const registration = (page: Page) =>
    page.evaluate(async () => {
      const found = await navigator.serviceWorker.getRegistration('/kiosk/');
      return {
        waiting: found?.waiting?.state ?? null,
        installing: found?.installing?.state ?? null,
        active: found?.active?.state ?? null,
      };
    });

  it('a new build found during a session waits, and takes over on the attract screen once it has ended', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await setUpKiosk(context, gateway.url);
    const problems = await watchPage(page);
    // The shell's timers (the "data erased" screen) run on Playwright's clock: no waiting.
    await page.clock.install();
    await page.goto(`${gateway.url}/kiosk/`);
    assert.equal(await controlledBy(page), '/kiosk/sw.js');
    await page.evaluate(() => ((window as unknown as TestWindow).sameDocument = true));

    // A citizen starts a session.
    await page.locator('.kiosk-start').click();
    await page.getByRole('heading', { name: 'Cosa vuoi fare?' }).waitFor();

    // A new build: the worker's script changes (by a comment) on the gateway, and the kiosk's
    // periodic check (every 30 minutes, stood in for here) finds it.
    const worker = join(site, 'dist', 'kiosk', 'sw.js');
    appendFileSync(worker, '\n// the next build\n');
    for (const copy of ['br', 'gz']) rmSync(`${worker}.${copy}`, { force: true });
    precompressFile(worker);
    // The new worker itself, caught as it is found: Chromium can tell a page its registration's
    // attributes late under load (the first worker still `installed` in `waiting`), so the test
    // follows the worker rather than reading the registration once.
    await page.evaluate(async () => {
      const found = (await navigator.serviceWorker.getRegistration('/kiosk/'))!;
      found.addEventListener('updatefound', () => {
        (window as unknown as TestWindow).newWorker = found.installing ?? undefined;
      });
      await found.update();
    });
    await page.waitForFunction(() => (window as unknown as TestWindow).newWorker?.state === 'installed');
    // The session goes on, on the same page, under the old worker.
    await page.locator('[data-service="pay-notice"]').click();
    await page.locator('sportello-payment').getByLabel('Codice avviso').waitFor();
    assert.deepEqual(
      await page.evaluate(() => {
        const newWorker = (window as unknown as TestWindow).newWorker!;
        return { newWorker: newWorker.state, inCharge: navigator.serviceWorker.controller === newWorker };
      }),
      { newWorker: 'installed', inCharge: false },
      'the new version waits',
    );
    assert.equal(await page.evaluate(() => (window as unknown as TestWindow).sameDocument), true);

    // "I have finished": the data is erased, the attract screen shows, and the new version takes
    // over there, reloading the kiosk with nobody at it.
    const reloaded = page.waitForEvent('load');
    await page.locator('.kiosk-finish').click();
    await page.getByRole('heading', { name: 'I tuoi dati sono stati cancellati' }).waitFor();
    await page.clock.runFor(ERASED_SCREEN_MS);
    await reloaded;
    await page.locator('.kiosk-start').waitFor();
    assert.equal(await page.evaluate(() => (window as unknown as TestWindow).sameDocument), undefined);
    assert.deepEqual(await registration(page), { waiting: null, installing: null, active: 'activated' });
    assert.equal(await controlledBy(page), '/kiosk/sw.js');
    assert.deepEqual(problems.cspViolations, []);
    await context.close();
  });
});
