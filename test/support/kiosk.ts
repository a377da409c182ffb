// For the kiosk's end-to-end tests and the bench: a kiosk already set up by its operator (an admin
// PIN chosen and, if given, settings saved), written into the device scope's IndexedDB before the
// shell first runs, so that a test starts at the attract screen rather than in the admin area's
// first setup. From a page of its own, closed after: what that page asks for (a favicon.ico the site
// has not) is never counted against the kiosk's.
import type { BrowserContext, Locator, Page } from 'playwright-core';
import {
  DEFAULT_SETTINGS,
  DEVICE_KEYS,
  KIOSK_STORE_NAME,
  type KioskSettings,
} from '../../kiosk/src/device.js';

export async function setUpKiosk(
  context: BrowserContext,
  origin: string,
  settings?: Partial<KioskSettings>,
): Promise<void> {
  const page = await context.newPage();
  // A page of the kiosk's origin that does not run the shell.
  await page.goto(`${origin}/kiosk/manifest.webmanifest`);
  const entries: [string, unknown][] = [
    // A stored hash: these tests never open the admin area, so no PIN needs to match it.
    [DEVICE_KEYS.adminPin, { salt: 'AA==', hash: 'AA==', iterations: 1 }],
    ...(settings ? [[DEVICE_KEYS.settings, { ...DEFAULT_SETTINGS, ...settings }] as [string, unknown]] : []),
  ];
  await page.evaluate(
    ({ database, entries }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(database, 1);
        open.onupgradeneeded = () => open.result.createObjectStore('entries');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const transaction = open.result.transaction('entries', 'readwrite');
          for (const [key, value] of entries) transaction.objectStore('entries').put(value, key);
          transaction.oncomplete = () => {
            open.result.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    { database: `${KIOSK_STORE_NAME}-device`, entries },
  );
  await page.close();
}

/** The time a citizen held: what the kiosk asked the gateway for. */
export interface HeldTime {
  service: string;
  office: string;
  start: string;
}

/**
 * From the kiosk's attract screen: a touch, the booking tile, the CIE renewal, the first day with
 * places and its first time, held. Resolves on the step after the time, with the booking element and
 * the time held (as the kiosk asked for it).
 */
export async function holdFirstFreeTime(kiosk: Page): Promise<{ booking: Locator; held: HeldTime }> {
  await kiosk.locator('.kiosk-start').click();
  await kiosk.getByRole('heading', { name: 'Cosa vuoi fare?' }).waitFor();
  await kiosk.locator('[data-service="book"]').click();
  const booking = kiosk.locator('sportello-booking');
  await booking.getByText('Rinnovo carta d’identità elettronica').click();
  await booking.getByRole('button', { name: 'Avanti' }).click();
  await booking.getByRole('heading', { name: 'Scegli il giorno e l’ora' }).waitFor();
  await booking.locator('sportello-calendar button:not([disabled])[aria-label*="liber"]').first().click();
  const holdRequest = kiosk.waitForRequest(
    (request) => request.method() === 'POST' && new URL(request.url()).pathname === '/api/booking/holds',
  );
  await booking
    .getByRole('button', { name: /^\d{2}:\d{2}, \d+ posti? liber/ })
    .first()
    .click();
  const held = JSON.parse((await holdRequest).postData()!) as HeldTime;
  await booking.getByRole('heading', { name: 'Perché prendi l’appuntamento?' }).waitFor();
  return { booking, held };
}

/** Free places of the time held, as the gateway at `origin` counts them now. */
export async function freePlaces(origin: string, held: HeldTime): Promise<number> {
  const date = new Date(held.start).toLocaleDateString('en-CA', { timeZone: 'Europe/Rome' });
  const url = new URL('/api/booking/slots', origin);
  url.search = new URLSearchParams({ service: held.service, office: held.office, date }).toString();
  const answer = (await (await fetch(url)).json()) as { slots: { start: string; freePlaces: number }[] };
  return answer.slots.find((slot) => Date.parse(slot.start) === Date.parse(held.start))?.freePlaces ?? 0;
}
