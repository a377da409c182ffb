// The admin PIN. Kept in the device scope as a salted PBKDF2-SHA-256 hash (WebCrypto), never as the
// PIN: whoever copies the kiosk's storage still has to try every PIN at the hash's cost. At the
// kiosk itself, five wrong tries lock the PIN for five minutes, so that guessing 10,000 four-digit
// PINs there takes weeks. Checks run one at a time (see `inTurn`): two checks started together must
// not both read "four failures" and let a sixth try through.
import { now } from '@sportello/core';
import { DEVICE_KEYS, kioskStore } from '../device.js';

/**
 * PBKDF2 rounds for a new PIN: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. About 0.1 s in Chromium on
 * this project's 2-core build machine, well under a second on a slow kiosk PC. A stored PIN keeps
 * the figure it was hashed with, so raising it later does not lock anyone out.
 */
export const PIN_ITERATIONS = 600_000;
/** Wrong tries in a row that lock the PIN. */
export const PIN_MAX_FAILURES = 5;
/** How long the PIN stays locked after the last of those tries. */
export const PIN_LOCKOUT_MS = 5 * 60_000;
/** 4 to 8 digits: typed on the kiosk's own pad. */
export const PIN_FORMAT = /^\d{4,8}$/;

/** What `DEVICE_KEYS.adminPin` holds: base64 salt and hash, and the PBKDF2 rounds used. */
export interface StoredPin {
  salt: string;
  hash: string;
  iterations: number;
}

/** What `DEVICE_KEYS.pinLockout` holds: wrong tries since the last right one or lock, and until when (epoch ms, 0 if not locked) the PIN is locked. */
export interface PinLockout {
  failures: number;
  lockedUntil: number;
}

const SALT_BYTES = 16;
const HASH_BITS = 256;
const NOT_LOCKED: PinLockout = { failures: 0, lockedUntil: 0 };

let queue: Promise<unknown> = Promise.resolve();

/** Runs `task` after every PIN operation started before it has finished. */
function inTurn<T>(task: () => Promise<T>): Promise<T> {
  const result = queue.then(task, task);
  queue = result.catch(() => undefined);
  return result;
}

const device = () => kioskStore().device;

/** True while no PIN has been chosen: the admin area opens at the setup. */
export async function needsSetup(): Promise<boolean> {
  return (await device().get<StoredPin>(DEVICE_KEYS.adminPin)) === undefined;
}

/** Whether `pin` has the right form (4 to 8 digits). */
export function isPinFormat(pin: string): boolean {
  return PIN_FORMAT.test(pin);
}

/**
 * A PIN anyone would try first: one digit repeated (0000) or a run up or down (1234, 9876). The
 * admin area refuses these when a PIN is chosen; `setPin` itself only checks the form.
 */
export function isGuessablePin(pin: string): boolean {
  const steps = new Set([...pin].slice(1).map((digit, index) => Number(digit) - Number(pin[index])));
  return steps.size === 1 && [0, 1, -1].includes([...steps][0]!);
}

/** Chooses a new PIN (4 to 8 digits), with a new salt; clears any lock. */
export function setPin(pin: string): Promise<void> {
  if (!isPinFormat(pin)) return Promise.reject(new RangeError('The admin PIN is 4 to 8 digits'));
  return inTurn(async () => {
    const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
    const hash = await derive(pin, salt, PIN_ITERATIONS);
    const stored: StoredPin = { salt: toBase64(salt), hash: toBase64(hash), iterations: PIN_ITERATIONS };
    await device().set(DEVICE_KEYS.adminPin, stored);
    await device().set(DEVICE_KEYS.pinLockout, NOT_LOCKED);
  });
}

/**
 * Checks a PIN: 'ok' (the count of wrong tries starts again), 'wrong', or 'locked' (five wrong tries
 * in a row, the fifth included, lock it for five minutes by core's clock; while locked, nothing is
 * checked, not even the right PIN). With no PIN chosen yet every PIN is wrong.
 */
export function checkPin(pin: string): Promise<'ok' | 'wrong' | 'locked'> {
  return inTurn(async () => {
    const lockout = await currentLockout();
    if (lockout.lockedUntil > now()) return 'locked';
    const stored = await device().get<StoredPin>(DEVICE_KEYS.adminPin);
    if (!stored) return 'wrong';
    const hash = await derive(pin, fromBase64(stored.salt), stored.iterations);
    if (sameBytes(hash, fromBase64(stored.hash))) {
      await device().set(DEVICE_KEYS.pinLockout, NOT_LOCKED);
      return 'ok';
    }
    const failures = lockout.failures + 1;
    const locked = failures >= PIN_MAX_FAILURES;
    await device().set(
      DEVICE_KEYS.pinLockout,
      locked ? { failures: 0, lockedUntil: now() + PIN_LOCKOUT_MS } : { failures, lockedUntil: 0 },
    );
    return locked ? 'locked' : 'wrong';
  });
}

/** Wrong tries left before the PIN locks (0 while it is locked). */
export function pinTriesLeft(): Promise<number> {
  return inTurn(async () => {
    const lockout = await currentLockout();
    return lockout.lockedUntil > now() ? 0 : PIN_MAX_FAILURES - lockout.failures;
  });
}

/** How long the PIN stays locked from now, in milliseconds; 0 if it is not locked. */
export function pinLockedFor(): Promise<number> {
  return inTurn(async () => Math.max(0, (await currentLockout()).lockedUntil - now()));
}

/**
 * The lockout as stored, with an expired lock forgotten. A lock ending more than five minutes from
 * now means the kiosk's clock was set back (a PC whose battery died): it ends five minutes from now
 * instead, rather than months later.
 */
async function currentLockout(): Promise<PinLockout> {
  const stored = (await device().get<PinLockout>(DEVICE_KEYS.pinLockout)) ?? NOT_LOCKED;
  if (stored.lockedUntil === 0) return stored;
  if (stored.lockedUntil <= now()) return NOT_LOCKED;
  if (stored.lockedUntil <= now() + PIN_LOCKOUT_MS) return stored;
  const corrected = { failures: 0, lockedUntil: now() + PIN_LOCKOUT_MS };
  await device().set(DEVICE_KEYS.pinLockout, corrected);
  return corrected;
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

/** Compares every byte whatever the first difference, so the time taken says nothing of the hash. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ (b[i] ?? 0);
  return difference === 0;
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
