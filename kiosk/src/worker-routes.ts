// Which of the kiosk's requests to the API its service worker (sw.ts) may keep, and how. The rule
// follows the gateway's: only the answers it lists as public (PUBLIC_ANSWERS in
// packages/gateway/src/app.ts, the same for every client and about no one) may be kept; every other
// call, about a citizen or writing something, goes to the network and is never stored, because the
// Cache API outlives the session and the next citizen would find it. A node test
// (scripts/kiosk-build.node.test.mjs) checks these paths against the gateway's list and the contract.

/** The Cache API cache of public API answers (see DEVICE_CACHE_PREFIXES in device.ts). */
export const PUBLIC_DATA_CACHE = 'sportello-kiosk-public';

/**
 * Public catalogue data, changed only with the municipality's seed (the gateway lets caches keep it
 * for minutes): shown at once from the cache and refreshed behind (stale-while-revalidate), so the
 * home screen and the catalogues work offline.
 */
export const CATALOGUE_PATHS = [
  '/api/municipality',
  '/api/payments/catalogue',
  '/api/booking/services',
  '/api/certificates/kinds',
] as const;

/**
 * Public answers that change with every hold, booking and rating (the gateway sends them
 * `no-cache`): asked of the network each time, the last one kept only for when the network is gone.
 */
export const CHANGING_PATHS = [
  '/api/booking/availability',
  '/api/booking/slots',
  '/api/feedback/summary',
  // The municipality's public seal keys: the last ones kept let the verify tile check a QR offline.
  '/api/certificates/seal-keys',
] as const;

/** How the worker answers a request: from the network only, or with a kept public answer. */
export type ApiStrategy = 'stale-while-revalidate' | 'network-first' | 'network-only';

/**
 * How the worker answers a request to `url` with `method` made from a page at `origin`, or
 * undefined when it is not an API call (the precache and the network answer those).
 */
export function apiStrategyFor(url: URL, method: string, origin: string): ApiStrategy | undefined {
  if (url.origin !== origin || !url.pathname.startsWith('/api/')) return undefined;
  if (method !== 'GET') return 'network-only';
  if ((CATALOGUE_PATHS as readonly string[]).includes(url.pathname)) return 'stale-while-revalidate';
  if ((CHANGING_PATHS as readonly string[]).includes(url.pathname)) return 'network-first';
  return 'network-only';
}

/**
 * Whether a public answer may go in the cache: a success that the gateway does not mark private.
 * The gateway sends `no-store` with every error and every private answer; checking it here too
 * means a path listed above by mistake still keeps nothing the gateway says is personal.
 */
export function mayKeepAnswer(response: Response): boolean {
  const cacheControl = response.headers.get('Cache-Control') ?? '';
  return response.status === 200 && !/\b(no-store|private)\b/i.test(cacheControl);
}
