// The kiosk's service worker, built to dist/kiosk/sw.js (scope /kiosk/) by scripts/kiosk-build.mjs,
// which writes the precache manifest in place of `self.__WB_MANIFEST`: every file of the kiosk's
// build and the Comune's look it links from the gateway. It keeps the kiosk working when the network
// goes: the shell from the precache, public catalogue data from the last answer (worker-routes.ts).
// Nothing about a citizen is ever stored: every other API call goes to the network only.
//
// A new version installs beside the running one and waits: the page tells it when to take over
// (updates.ts, on the attract screen with no session), so no citizen's session is cut short.
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst, NetworkOnly, StaleWhileRevalidate, type Strategy } from 'workbox-strategies';
import { PUBLIC_DATA_CACHE, apiStrategyFor, mayKeepAnswer, type ApiStrategy } from './worker-routes.js';

/** The little of ServiceWorkerGlobalScope used here (the webworker lib would retype every page's globals). */
declare const self: {
  __WB_MANIFEST: (PrecacheEntry | string)[];
  location: Location;
  skipWaiting(): Promise<void>;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
};

/** The message workbox-window's `messageSkipWaiting()` sends (updates.ts). */
const SKIP_WAITING = 'SKIP_WAITING';

// Chosen by the page, never by the worker itself: see updates.ts.
self.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown } | null;
  if (data?.type === SKIP_WAITING) void self.skipWaiting();
});

// The first worker takes the page that registered it at once, so the kiosk works offline from its
// first load; a later one takes over only when told to, and then the page reloads (updates.ts).
clientsClaim();

precacheAndRoute(self.__WB_MANIFEST);
// Precaches of earlier Workbox versions' formats; the current one replaces its own entries itself.
cleanupOutdatedCaches();

// Every page under /kiosk/ is the shell, which routes itself: a reload offline still shows the kiosk.
// Not a file's address (the manifest, an icon, sw.js) opened as a page: that one is the file.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL(new URL('index.html', self.location.href).href), {
    denylist: [/\/[^/]+\.[^/]+$/],
  }),
);

// Public answers only, and only those the gateway lets a cache keep (worker-routes.ts); availability
// has one answer per service, office and month or day, so the cache holds a bounded number.
const publicData = {
  cacheName: PUBLIC_DATA_CACHE,
  plugins: [
    {
      cacheWillUpdate: async ({ response }: { response: Response }) =>
        mayKeepAnswer(response) ? response : null,
    },
    new ExpirationPlugin({ maxEntries: 60, purgeOnQuotaError: true }),
  ],
};
const strategies: Record<ApiStrategy, Strategy> = {
  'stale-while-revalidate': new StaleWhileRevalidate(publicData),
  'network-first': new NetworkFirst(publicData),
  'network-only': new NetworkOnly(),
};

// Every method: whatever routes are added after these, an API call is answered by them.
for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
  registerRoute(
    ({ url, request }) => {
      const strategy = apiStrategyFor(url, request.method, self.location.origin);
      return strategy ? { strategy } : false;
    },
    (options) => strategies[(options.params as { strategy: ApiStrategy }).strategy].handle(options),
    method,
  );
}
