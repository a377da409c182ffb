// What the kiosk keeps about itself, in the device scope of its OfflineStore (IndexedDB
// `sportello-kiosk-device`), which outlives every citizen's session. Everything else the kiosk finds
// in the browser's storage after a session counts as citizen data (see session/self-check.ts).
// Shared by the shell, the admin area, the heartbeat and the self-check: one list of what is allowed.
import { OfflineStore } from '@sportello/core/store';

/** The name of the kiosk's store: IndexedDB `sportello-kiosk-device` and `sportello-kiosk-citizen`. */
export const KIOSK_STORE_NAME = 'sportello-kiosk';

/** The keys of the device scope: nothing else may be there after a session. */
export const DEVICE_KEYS = {
  /** KioskSettings, set in the admin area. */
  settings: 'settings',
  /** The admin PIN: `{ salt, hash, iterations }`, a salted PBKDF2 hash (WebCrypto), never the PIN. */
  adminPin: 'admin-pin',
  /** Wrong PIN tries: `{ failures, lockedUntil }`. */
  pinLockout: 'pin-lockout',
  /** The last session-end self-checks, newest first: `WipeRecord[]`. */
  wipeLog: 'wipe-log',
  /** The heartbeat's state: `{ lastContactAt?, lastStatus? }`. */
  heartbeat: 'heartbeat',
} as const;

export type Language = 'it' | 'en';

export interface KioskSettings {
  /** Shown in the admin area and the heartbeat; e.g. "Biblioteca civica, ingresso". */
  name: string;
  location: string;
  /** The key the gateway's command line issued for this kiosk (heartbeat, hand-off); '' if none. */
  kioskKey: string;
  /** Seconds without a touch before the session-end warning; default 90. */
  idleSeconds: number;
  defaultLanguage: Language;
  /** A printer is attached (Chromium started with --kiosk-printing): receipts print. */
  printer: boolean;
  /** A physical keyboard is attached: the on-screen keyboard stays hidden (no browser API tells). */
  physicalKeyboard: boolean;
}

export const DEFAULT_SETTINGS: KioskSettings = {
  name: '',
  location: '',
  kioskKey: '',
  idleSeconds: 90,
  defaultLanguage: 'it',
  printer: false,
  physicalKeyboard: false,
};

/** One session end's self-check: when, and what was found left (names of stores, never the data). */
export interface WipeRecord {
  at: string;
  passed: boolean;
  /** What was left, e.g. `sessionStorage`, `IndexedDB sportello-kiosk-citizen`, `cache x`. */
  failed: string[];
}

/** How many self-check results the device keeps. */
export const WIPE_LOG_LENGTH = 20;

/** The Cache API caches the kiosk itself keeps: the service worker's precache and public data. */
export const DEVICE_CACHE_PREFIXES = ['workbox-precache', 'sportello-kiosk-public'] as const;

/**
 * The IndexedDB databases the kiosk keeps: its device scope, and Workbox's record of when each
 * public answer was cached (addresses and times, nothing typed). Any other database is a citizen's:
 * the store's citizen scope, or a queue of writes (Workbox's background sync) holding what was sent.
 */
export const DEVICE_DATABASES = [`${KIOSK_STORE_NAME}-device`, 'workbox-expiration'] as const;

/** Whether a Cache API cache is the kiosk's own (see DEVICE_CACHE_PREFIXES). */
export const isDeviceCache = (name: string): boolean =>
  DEVICE_CACHE_PREFIXES.some((prefix) => name.startsWith(prefix));

let store: OfflineStore | undefined;

/** The kiosk's one store (device and citizen scopes). */
export function kioskStore(): OfflineStore {
  store ??= new OfflineStore({ name: KIOSK_STORE_NAME });
  return store;
}

export async function loadSettings(): Promise<KioskSettings> {
  const saved = await kioskStore().device.get<Partial<KioskSettings>>(DEVICE_KEYS.settings);
  return { ...DEFAULT_SETTINGS, ...saved };
}

export async function saveSettings(settings: KioskSettings): Promise<void> {
  await kioskStore().device.set(DEVICE_KEYS.settings, settings);
}

/** Adds a self-check's result to the device's log, newest first, keeping the last WIPE_LOG_LENGTH. */
export async function recordWipe(record: WipeRecord): Promise<void> {
  const device = kioskStore().device;
  const log = (await device.get<WipeRecord[]>(DEVICE_KEYS.wipeLog)) ?? [];
  await device.set(DEVICE_KEYS.wipeLog, [record, ...log].slice(0, WIPE_LOG_LENGTH));
}

/** The self-checks' results, newest first (the heartbeat reports the last one). */
export async function wipeLog(): Promise<WipeRecord[]> {
  return (await kioskStore().device.get<WipeRecord[]>(DEVICE_KEYS.wipeLog)) ?? [];
}
