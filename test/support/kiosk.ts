// For the kiosk's end-to-end tests and the bench: a kiosk already set up by its operator (an admin
// PIN chosen and, if given, settings saved), written into the device scope's IndexedDB before the
// shell first runs, so that a test starts at the attract screen rather than in the admin area's
// first setup. From a page of its own, closed after: what that page asks for (a favicon.ico the site
// has not) is never counted against the kiosk's.
import type { BrowserContext } from 'playwright-core';
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
