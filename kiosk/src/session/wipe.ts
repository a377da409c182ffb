// The end of a session, in the order the kiosk issue sets: give back what the citizen held at the
// gateway (a booking's held time: a place nobody else could book), reset every element, erase
// the citizen scope in the browser, and drop the address and history of the citizen's screens.
// Each step only erases: what it may have missed is found by the self-check that follows
// (self-check.ts), which reads every storage again.
import { resetSandbox } from '@sportello/core';
import { DEVICE_DATABASES, DEVICE_KEYS, isDeviceCache, kioskStore } from '../device.js';
import { revokeObjectUrls } from './object-urls.js';

/** Every element under `root`, inside shadow roots too (the elements nest others). */
export function* deepElements(root: ParentNode): Generator<Element> {
  for (const element of root.querySelectorAll('*')) {
    yield element;
    if (element.shadowRoot) yield* deepElements(element.shadowRoot);
  }
}

const isSportelloElement = (element: Element) => element.localName.startsWith('sportello-');

interface HoldingElement extends Element {
  releaseHold(): Promise<void>;
}
interface ResettableElement extends Element {
  reset(): void;
}

/**
 * Gives back every time held by a booking element under `root`, and waits for the gateway's answers
 * (the place is free for others before the next citizen comes). `releaseHold()` never rejects; the
 * API client gives up on an answer that does not come (15 s).
 */
export async function releaseHolds(root: ParentNode): Promise<void> {
  const holding = [...deepElements(root)].filter(
    (element): element is HoldingElement =>
      isSportelloElement(element) && typeof (element as Partial<HoldingElement>).releaseHold === 'function',
  );
  await Promise.all(holding.map((element) => element.releaseHold()));
}

/** Calls `reset()` on every Sportello element under `root`: nothing typed or shown is left in them. */
export function resetElements(root: ParentNode): void {
  for (const element of deepElements(root)) {
    if (isSportelloElement(element) && typeof (element as Partial<ResettableElement>).reset === 'function') {
      (element as ResettableElement).reset();
    }
  }
}

/** Deletes an IndexedDB database; a delete blocked by a connection left open is left to the self-check. */
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/** Expires every cookie the page can see, on the paths the kiosk's pages may have set them on. */
function expireCookies(): void {
  const names = document.cookie
    .split(';')
    .map((pair) => pair.split('=')[0]!.trim())
    .filter(Boolean);
  const paths = ['/', location.pathname, location.pathname.replace(/[^/]*$/, '')];
  for (const name of names) {
    for (const path of paths) document.cookie = `${name}=; Max-Age=0; Path=${path}`;
  }
}

/**
 * Erases the citizen scope: the store's citizen database and cache, every other database and cache
 * that is not the device's own, keys in the device scope that are not the device's, sessionStorage,
 * localStorage (the kiosk keeps nothing there), cookies, object URLs, the in-page sandbox.
 */
export async function wipeCitizenData(): Promise<void> {
  const store = kioskStore();
  await store.wipeCitizen().catch(() => undefined); // whatever it leaves, the self-check reports
  const databases = (await indexedDB.databases?.()) ?? [];
  await Promise.all(
    databases
      .map((database) => database.name ?? '')
      .filter((name) => name && !(DEVICE_DATABASES as readonly string[]).includes(name))
      .map(deleteDatabase),
  );
  const allowedKeys: string[] = Object.values(DEVICE_KEYS);
  for (const key of await store.device.keys()) {
    if (!allowedKeys.includes(key)) await store.device.delete(key);
  }
  if (typeof caches !== 'undefined') {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => !isDeviceCache(name)).map((name) => caches.delete(name)));
  }
  sessionStorage.clear();
  localStorage.clear();
  expireCookies();
  revokeObjectUrls();
  resetSandbox();
}

/**
 * The address goes back to the shell's own, without the citizen's query or fragment, in place of
 * the current history entry. Screens change without adding entries, so Back has none of theirs.
 */
export function dropHistory(shellPath: string): void {
  history.replaceState(null, '', shellPath);
}
