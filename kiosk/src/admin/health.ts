// What the admin area's health section shows, gathered from the device: nothing here is about a
// citizen (the self-checks name stores, never their content).
import { VERSION } from '@sportello/core';
import { DEVICE_KEYS, kioskStore, type WipeRecord } from '../device.js';
import { loadHeartbeatState, storageUsedBytes, type HeartbeatState } from '../heartbeat.js';

export type ServiceWorkerState = 'none' | 'installing' | 'waiting' | 'active';

/** What the shell tells the admin area about its updates (see the `updates` property). */
export interface KioskUpdates {
  serviceWorker(): ServiceWorkerState;
}

/** How many self-checks the health section lists, newest first. */
export const WIPES_SHOWN = 10;

export interface KioskHealth {
  version: string;
  /** Undefined when the shell has no service worker to tell of. */
  serviceWorker?: ServiceWorkerState;
  heartbeat: HeartbeatState;
  storageUsedBytes?: number;
  wipes: WipeRecord[];
}

export async function readHealth(updates?: KioskUpdates): Promise<KioskHealth> {
  const [heartbeat, storage, log] = await Promise.all([
    loadHeartbeatState(),
    storageUsedBytes(),
    kioskStore().device.get<WipeRecord[]>(DEVICE_KEYS.wipeLog),
  ]);
  return {
    version: VERSION,
    ...(updates ? { serviceWorker: updates.serviceWorker() } : {}),
    heartbeat,
    ...(storage === undefined ? {} : { storageUsedBytes: storage }),
    wipes: (log ?? []).slice(0, WIPES_SHOWN),
  };
}
