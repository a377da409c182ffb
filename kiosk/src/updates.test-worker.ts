// An empty service worker for updates.test.ts: a real registration whose states the test watches,
// without the kiosk's build. Not a module, so that it registers as a classic worker, as sw.js does.
