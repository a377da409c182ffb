// Unattended updates of the kiosk: the page registers the service worker (sw.ts), looks for a new
// build every half hour and whenever the shell asks, and lets a new worker take over only when the
// shell says no one is using the kiosk (the attract screen with no session). A new version never
// interrupts a citizen and never asks anyone anything: the page reloads into it between sessions.
import { Workbox } from 'workbox-window';
import { now } from '@sportello/core';

/**
 * The service worker as the heartbeat and the admin health screen report it:
 * - `none`: no worker (not registered yet, registration failed, or no service workers here: a page
 *   over plain HTTP on another host than localhost is not a secure context);
 * - `installing`: a version is downloading its files;
 * - `waiting`: a new version is ready and waits for the attract screen (see `activateIfWaiting`);
 * - `active`: the running version, with nothing newer found.
 */
export type WorkerState = 'none' | 'installing' | 'waiting' | 'active';

/** The last look for a new version: when (epoch ms, core's clock), and whether the gateway answered. */
export interface UpdateCheck {
  at: number;
  ok: boolean;
}

/** Calls `callback` every `milliseconds`; returns how to stop. Tests pass their own. */
export type Repeat = (callback: () => void, milliseconds: number) => () => void;

export interface UpdateOptions {
  /** The worker's script: default `/kiosk/sw.js`. */
  scriptUrl?: string;
  /** Default `/kiosk/`. */
  scope?: string;
  /** How often to look for a new version: default 30 minutes. */
  checkEveryMs?: number;
  /** Default: `setInterval`. */
  repeat?: Repeat;
  /** Loads the new version once it controls the page: default `location.reload()`. */
  reload?: () => void;
  /** Told each time `state` changes. */
  onStateChange?: (state: WorkerState) => void;
}

/** What `startUpdates` returns: the shell keeps it for the page's life. */
export interface KioskUpdates {
  /** The worker's state now (see WorkerState). */
  readonly state: WorkerState;
  /** The last look for a new version, periodic or asked for; undefined before the first. */
  readonly lastCheck: UpdateCheck | undefined;
  /** Settles once registration has succeeded or failed (it waits for the page's `load`). */
  readonly registered: Promise<void>;
  /**
   * Looks for a new version now; the shell calls it when the attract screen shows. Never rejects:
   * offline, the check fails quietly and `lastCheck.ok` says so. A new version found installs and
   * then waits (`state` becomes `waiting`).
   */
  checkNow(): Promise<void>;
  /**
   * Call only on the attract screen with no session: when a new version is waiting, tells it to
   * take over, and the page reloads into it as soon as it controls the page. Returns whether a
   * version was waiting. Never call it during a session: the reload would end it.
   */
  activateIfWaiting(): boolean;
  /** Stops the periodic checks (the worker stays registered). */
  stop(): void;
}

export const DEFAULT_SCRIPT_URL = '/kiosk/sw.js';
export const DEFAULT_SCOPE = '/kiosk/';
export const DEFAULT_CHECK_EVERY_MS = 30 * 60 * 1000;

const repeatWithInterval: Repeat = (callback, milliseconds) => {
  const timer = setInterval(callback, milliseconds);
  return () => clearInterval(timer);
};

/**
 * The state of a registration's newest worker (see WorkerState). A first worker passes through
 * `waiting` for a moment on its way to active, with no version running: that is still installing,
 * so that nothing reloads the page for it.
 */
export function stateOf(registration: ServiceWorkerRegistration | undefined): WorkerState {
  if (registration?.installing) return 'installing';
  if (registration?.waiting) return registration.active ? 'waiting' : 'installing';
  if (registration?.active) return 'active';
  return 'none';
}

/**
 * Registers the kiosk's service worker and keeps it up to date (see KioskUpdates). Call it once,
 * from the shell's start. Without service worker support it does nothing and `state` stays `none`.
 */
export function startUpdates(options: UpdateOptions = {}): KioskUpdates {
  const reload = options.reload ?? (() => location.reload());
  let registration: ServiceWorkerRegistration | undefined;
  let state: WorkerState = 'none';
  let lastCheck: UpdateCheck | undefined;
  let reloadWhenControlled = false;

  const refreshState = () => {
    const next = stateOf(registration);
    if (next === state) return;
    state = next;
    options.onStateChange?.(state);
  };

  const supported = typeof navigator !== 'undefined' && 'serviceWorker' in navigator;
  const workbox = supported
    ? new Workbox(options.scriptUrl ?? DEFAULT_SCRIPT_URL, { scope: options.scope ?? DEFAULT_SCOPE })
    : undefined;

  // Workbox's own events stop following a registration after a second new version, or one found a
  // minute into the page's life (it takes those for another page's doing): the state is read from the
  // registration itself, on each of its workers' changes.
  const followWorker = (worker: ServiceWorker | null) =>
    worker?.addEventListener('statechange', refreshState);

  const registered = (async () => {
    if (!workbox) return;
    // Any change of controller: the new version, once it was told to take over.
    workbox.addEventListener('controlling', () => {
      refreshState();
      if (reloadWhenControlled) reload();
    });
    try {
      registration = await workbox.register();
    } catch {
      // Nothing to tell the citizen: the kiosk works online without its worker; `state` says `none`.
      return;
    }
    if (!registration) return;
    for (const worker of [registration.installing, registration.waiting, registration.active])
      followWorker(worker);
    registration.addEventListener('updatefound', () => {
      followWorker(registration!.installing);
      refreshState();
    });
    refreshState();
  })();

  const checkNow = async () => {
    await registered;
    if (!registration) return;
    try {
      await registration.update();
      lastCheck = { at: now(), ok: true };
    } catch {
      lastCheck = { at: now(), ok: false };
    }
    refreshState();
  };

  const stopRepeating = workbox
    ? (options.repeat ?? repeatWithInterval)(
        () => void checkNow(),
        options.checkEveryMs ?? DEFAULT_CHECK_EVERY_MS,
      )
    : () => {};

  return {
    get state() {
      return state;
    },
    get lastCheck() {
      return lastCheck;
    },
    registered,
    checkNow,
    activateIfWaiting() {
      if (!workbox || stateOf(registration) !== 'waiting') return false;
      reloadWhenControlled = true;
      workbox.messageSkipWaiting();
      return true;
    },
    stop: stopRepeating,
  };
}
