// The kiosk's heartbeat: every five minutes it tells the gateway it is alive, which version it runs
// and whether its last session-end wipe passed, so that the municipality sees a kiosk in trouble
// before a citizen does. It says nothing about citizens: of the self-check, only the kinds of
// storage where something was left, never names or contents. Offline is normal for a kiosk: a
// heartbeat that gets no answer is recorded, never thrown.
import { now, VERSION } from '@sportello/core';
import { DEVICE_KEYS, kioskStore, type KioskSettings, type WipeRecord } from './device.js';

export const HEARTBEAT_ENDPOINT = '/api/kiosks/heartbeat';
export const HEARTBEAT_INTERVAL_MS = 5 * 60_000;
/** A heartbeat still unanswered after this long counts as offline. */
export const HEARTBEAT_TIMEOUT_MS = 30_000;

/**
 * The header that carries the kiosk key (the contract's `KioskKey` parameter): a header of its own,
 * not `Authorization`, which a citizen's bearer token may hold in the same request.
 */
export const KIOSK_KEY_HEADER = 'Sportello-Kiosk-Key';

/** The headers that say which kiosk is speaking (the heartbeat, the phone hand-off). */
export function kioskKeyHeaders(kioskKey: string): Record<string, string> {
  return { [KIOSK_KEY_HEADER]: kioskKey };
}

/** The kinds of browser storage a heartbeat may name (the contract's `KioskStorageKind`). */
export const STORAGE_KINDS = [
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'cacheStorage',
  'cookies',
  'serviceWorker',
  'history',
  'forms',
  'other',
] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

/**
 * The kind of storage a self-check finding is in. A finding names what was left
 * (`IndexedDB sportello-kiosk-citizen`, `Cache API x`, `DOM: a filled field`): the name stays on the
 * kiosk, only its kind goes to the gateway.
 */
export function storageKindOf(finding: string): StorageKind {
  const [first = ''] = finding.split(/[\s:]/);
  const byFirstWord: Record<string, StorageKind> = {
    IndexedDB: 'indexedDB',
    Cache: 'cacheStorage',
    DOM: 'forms',
    address: 'history',
  };
  if (first in byFirstWord) return byFirstWord[first]!;
  return (STORAGE_KINDS as readonly string[]).includes(first) ? (first as StorageKind) : 'other';
}

/** What the kiosk sends: all of it, nothing else. */
export interface HeartbeatBody {
  version: string;
  /** The service worker's state: `none`, `installing`, `waiting`, `active`. */
  serviceWorker: string;
  storageUsedBytes: number;
  /** The newest session-end self-check, if any: in `failed`, the kinds of storage where something was left. */
  lastSelfCheck?: { at: string; passed: boolean; failed: StorageKind[] };
}

/** What `DEVICE_KEYS.heartbeat` holds, for the admin area's health screen. */
export interface HeartbeatState {
  /** When the gateway last answered (any answer, ISO 8601). */
  lastContactAt?: string;
  /** The last heartbeat's outcome: the gateway's HTTP status, or 'offline' when none came. */
  lastStatus?: number | 'offline';
  /** When the last heartbeat was sent, answered or not (ISO 8601). */
  lastAttemptAt?: string;
}

/** The timers the heartbeat runs on: the window's by default, a manual pair in tests. */
export interface IntervalTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface HeartbeatOptions {
  /** The settings in force: the kiosk key is read at each beat, so a key set in the admin area counts at once. */
  settings: () => KioskSettings;
  serviceWorker: () => string;
  intervalMs?: number;
  fetch?: typeof fetch;
  /** Where to send it; the page's gateway by default. */
  endpoint?: string;
  timers?: IntervalTimers;
  timeoutMs?: number;
}

export interface Heartbeat {
  stop(): void;
  /** Sends one now (or waits for the one on its way); settles once its outcome is recorded, never rejects. */
  sendNow(): Promise<void>;
}

const windowTimers: IntervalTimers = {
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof setInterval>),
};

/** Sends a heartbeat now and every `intervalMs` (five minutes) until stopped; skipped while no kiosk key is set. */
export function startHeartbeat(options: HeartbeatOptions): Heartbeat {
  const send =
    options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const timers = options.timers ?? windowTimers;
  let sending: Promise<void> | undefined;

  const sendNow = () => {
    // One at a time: a beat on a slow network is not joined by the next one.
    sending ??= beat().finally(() => (sending = undefined));
    return sending;
  };

  async function beat(): Promise<void> {
    try {
      const kioskKey = options.settings().kioskKey.trim();
      if (!kioskKey) return;
      const body = await heartbeatBody(options.serviceWorker());
      const attemptAt = new Date(now()).toISOString();
      let status: number | 'offline';
      try {
        const response = await send(options.endpoint ?? HEARTBEAT_ENDPOINT, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...kioskKeyHeaders(kioskKey) },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(options.timeoutMs ?? HEARTBEAT_TIMEOUT_MS),
        });
        status = response.status;
      } catch {
        status = 'offline';
      }
      const previous = await loadHeartbeatState();
      const state: HeartbeatState = {
        ...previous,
        lastStatus: status,
        lastAttemptAt: attemptAt,
        ...(status === 'offline' ? {} : { lastContactAt: new Date(now()).toISOString() }),
      };
      await kioskStore().device.set(DEVICE_KEYS.heartbeat, state);
    } catch (error) {
      // Storage refused, a broken setting: the next beat tries again; the kiosk carries on.
      console.warn('The kiosk heartbeat failed:', error);
    }
  }

  void sendNow();
  const interval = timers.setInterval(() => void sendNow(), options.intervalMs ?? HEARTBEAT_INTERVAL_MS);
  return {
    stop: () => timers.clearInterval(interval),
    sendNow,
  };
}

/** The heartbeat's last outcome as recorded (empty before the first). */
export async function loadHeartbeatState(): Promise<HeartbeatState> {
  return (await kioskStore().device.get<HeartbeatState>(DEVICE_KEYS.heartbeat)) ?? {};
}

/** What a heartbeat says: version, service worker, storage used, the newest self-check. */
export async function heartbeatBody(serviceWorker: string): Promise<HeartbeatBody> {
  const log = await kioskStore().device.get<WipeRecord[]>(DEVICE_KEYS.wipeLog);
  const newest = log?.[0];
  return {
    version: VERSION,
    serviceWorker,
    storageUsedBytes: (await storageUsedBytes()) ?? 0,
    // Copied field by field: whatever else a record may carry one day stays on the kiosk.
    ...(newest
      ? {
          lastSelfCheck: {
            at: newest.at,
            passed: newest.passed,
            failed: [...new Set(newest.failed.map(storageKindOf))],
          },
        }
      : {}),
  };
}

/**
 * The bytes this origin stores (IndexedDB, caches, service worker), as the browser estimates them;
 * undefined where it cannot tell.
 */
export async function storageUsedBytes(): Promise<number | undefined> {
  try {
    return (await navigator.storage?.estimate?.())?.usage;
  } catch {
    return undefined;
  }
}
