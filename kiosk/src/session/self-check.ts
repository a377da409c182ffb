// After every session's wipe, the kiosk reads every storage again and lists what it finds that is
// not the device's own: the proof behind "your data has been erased". Only the names of places are
// listed (a database, a cache, "sessionStorage"), never what was in them, so the result can be kept
// in the device scope and sent with the heartbeat.
import { apiStrategyFor } from '../worker-routes.js';
import {
  DEVICE_DATABASES,
  DEVICE_KEYS,
  KIOSK_STORE_NAME,
  isDeviceCache,
  kioskStore,
  recordWipe,
  type WipeRecord,
} from '../device.js';
import { liveObjectUrls, revokedObjectUrls } from './object-urls.js';
import { deepElements } from './wipe.js';

/** Elements of the kiosk's own chrome, which stay from one citizen to the next. */
const CHROME_ELEMENTS = new Set(['sportello-keyboard']);

export interface SelfCheckOptions {
  /** Where the citizen's screens were: no Sportello element may be left in it. */
  root: ParentNode;
  /** The history's length when the shell started: a longer one holds the citizen's pages. */
  historyLength: number;
  /** The shell's address (path and query): any other, or a fragment, may name the citizen's things. */
  shellPath: string;
  /**
   * The window whose address and history are checked: the kiosk's own by default. (Chromium counts
   * at most 50 history entries: a test's tab that has passed them cannot show one more, a popup can.)
   */
  view?: Pick<Window, 'history' | 'location'>;
}

async function leftInIndexedDb(): Promise<string[]> {
  const databases = (await indexedDB.databases?.()) ?? [];
  const found = databases
    .map((database) => database.name ?? '')
    .filter((name) => !(DEVICE_DATABASES as readonly string[]).includes(name))
    .map((name) => `IndexedDB ${name}`);
  const allowed: string[] = Object.values(DEVICE_KEYS);
  const strayKeys = (await kioskStore().device.keys()).filter((key) => !allowed.includes(key));
  if (strayKeys.length) found.push(`IndexedDB ${KIOSK_STORE_NAME}-device: keys outside the allow-list`);
  return found;
}

/**
 * Caches that are not the device's, and in the device's any API answer that is not public (the
 * service worker's rule, worker-routes.ts): a personal answer kept by mistake.
 */
async function leftInCaches(): Promise<string[]> {
  if (typeof caches === 'undefined') return [];
  const found: string[] = [];
  for (const name of await caches.keys()) {
    if (!isDeviceCache(name)) {
      found.push(`Cache API ${name}`);
      continue;
    }
    const requests = await (await caches.open(name)).keys();
    const personal = requests.some(
      (request) => apiStrategyFor(new URL(request.url), 'GET', location.origin) === 'network-only',
    );
    if (personal) found.push(`Cache API ${name}: a personal answer`);
  }
  return found;
}

/** Object URLs still alive, or revoked and still readable. */
async function leftInObjectUrls(): Promise<string[]> {
  if (liveObjectUrls().length) return ['object URLs'];
  const readable = await Promise.all(
    revokedObjectUrls().map((url) =>
      fetch(url).then(
        () => true,
        () => false,
      ),
    ),
  );
  return readable.some(Boolean) ? ['object URLs'] : [];
}

/** Sportello elements left where the citizen's screens were, and filled fields anywhere on the page. */
function leftInPage(root: ParentNode): string[] {
  const found = new Set<string>();
  for (const element of deepElements(root)) {
    if (element.localName.startsWith('sportello-') && !CHROME_ELEMENTS.has(element.localName)) {
      found.add(`DOM ${element.localName}`);
    }
  }
  for (const element of deepElements(document)) {
    const field = element as HTMLInputElement;
    const isField = element.localName === 'input' || element.localName === 'textarea';
    const typed = isField && !['checkbox', 'radio', 'button', 'submit'].includes(field.type) && field.value;
    if (typed) found.add('DOM: a filled field');
  }
  return [...found];
}

/** Lists what of a citizen's is left anywhere the kiosk can look; empty when nothing is. */
export async function findCitizenData({
  root,
  historyLength,
  shellPath,
  view = window,
}: SelfCheckOptions): Promise<string[]> {
  const found = [
    ...(await leftInIndexedDb()),
    ...(await leftInCaches()),
    ...(await leftInObjectUrls()),
    ...leftInPage(root),
  ];
  if (sessionStorage.length) found.push('sessionStorage');
  if (localStorage.length) found.push('localStorage');
  if (document.cookie) found.push('cookies');
  const { location: address, history } = view;
  if (address.pathname + address.search !== shellPath || address.hash) found.push('address');
  if (history.length > historyLength) found.push('history');
  return found;
}

/** Runs the self-check and records its result in the device scope (see WipeRecord). */
export async function selfCheck(options: SelfCheckOptions, at: Date): Promise<WipeRecord> {
  let failed: string[];
  try {
    failed = await findCitizenData(options);
  } catch {
    failed = ['self-check could not read the storage'];
  }
  const record: WipeRecord = { at: at.toISOString(), passed: failed.length === 0, failed };
  await recordWipe(record);
  return record;
}
