// Kiosks: their keys, their heartbeats, and the fleet page's list.
//
// Each kiosk has a key of its own, issued by the command line (`sportello-gateway kiosk-key add`),
// printed once and stored only as its SHA-256. A slow, salted hash (scrypt, Argon2) is for
// passwords, which people choose and which can be guessed from a dictionary; a kiosk key is 256
// random bits, so nobody can guess one, from its hash or otherwise, and a plain hash is as strong
// while letting a request find its kiosk with one indexed read.
//
// The gateway keeps each kiosk's latest heartbeat only, which says nothing about citizens (the
// contract's KioskHeartbeat has no free text); the operators' list marks a kiosk stale when it has
// been silent for STALE_AFTER_MINUTES.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  problem,
  toRomeIso,
  type ContractResponse,
  type Handler,
  type Schemas,
} from '@sportello/core/contract';
import { demoKiosk } from '@sportello/demo-data';
import type { Database } from './database.js';

/** A kiosk is stale after this long without a heartbeat. */
export const STALE_AFTER_MINUTES = 15;
/** How often a kiosk is asked to report (the contract's `nextHeartbeatSeconds`). */
export const HEARTBEAT_SECONDS = 300;
/** The longest name and place the command line accepts (the contract's limits). */
const NAME_MAX = 80;
const LOCATION_MAX = 160;

const ok = (status: number, body: unknown): ContractResponse => ({ status, body });

/** A new kiosk key: 256 random bits, URL-safe, with a prefix that says what it is where it turns up. */
export function generateKioskKey(): string {
  return `kiosk_${randomBytes(32).toString('base64url')}`;
}

/** What is stored of a kiosk key (see the top of this file for why SHA-256 suffices). */
export function hashKioskKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

// Lower-case Crockford base32: no i, l, o or u, for an id an operator may type.
const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function kioskId(): string {
  return `k-${[...randomBytes(8)].map((byte) => ID_ALPHABET[byte & 31]).join('')}`;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** A kiosk's name or place as given on the command line: trimmed, not empty, bounded, printable. */
function label(value: string, what: string, max: number): string {
  const text = value.trim().replace(/\s+/g, ' ');
  if (!text) throw new Error(`--${what} is required`);
  if ([...text].length > max) throw new Error(`--${what} must be at most ${max} characters`);
  if (CONTROL.test(text)) throw new Error(`--${what} must not contain control characters`);
  return text;
}

export interface KioskKeyRow {
  id: string;
  name: string;
  location: string;
  createdAt: string;
  revokedAt?: string;
}

/** Registers a kiosk; resolves to its id and its key, which is not stored and cannot be shown again. */
export async function addKiosk(
  database: Database,
  input: { name: string; location: string; now: number },
): Promise<{ id: string; key: string }> {
  const name = label(input.name, 'name', NAME_MAX);
  const location = label(input.location, 'location', LOCATION_MAX);
  const key = generateKioskKey();
  const id = kioskId();
  await database
    .current()
    .insertInto('kiosks')
    .values({
      id,
      name,
      location,
      key_hash: hashKioskKey(key),
      created_at: new Date(input.now).toISOString(),
      revoked_at: null,
    })
    .execute();
  return { id, key };
}

/** Every kiosk, revoked ones included, oldest first: what `kiosk-key list` prints. */
export async function listKioskKeys(database: Database): Promise<KioskKeyRow[]> {
  const rows = await database
    .current()
    .selectFrom('kiosks')
    .select(['id', 'name', 'location', 'created_at', 'revoked_at'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    location: row.location,
    createdAt: row.created_at,
    ...(row.revoked_at ? { revokedAt: row.revoked_at } : {}),
  }));
}

/** Revokes a kiosk's key for good; false when there is no such kiosk, or it was revoked already. */
export async function revokeKiosk(database: Database, id: string, now: number): Promise<boolean> {
  const revoked = await database
    .current()
    .updateTable('kiosks')
    .set({ revoked_at: new Date(now).toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(revoked.numUpdatedRows) === 1;
}

/**
 * In demo mode, the demo kiosk with its published key (`demo-kiosk-key`, see demo-data); outside
 * demo mode, none: a database that was once a demo loses it, so the published key never works for
 * real. Called by seed(), in its transaction.
 */
export async function seedDemoKiosk(database: Database, demo: boolean, now: number): Promise<void> {
  const db = database.current();
  if (!demo) {
    await db.deleteFrom('booking_hand_offs').where('kiosk_id', '=', demoKiosk.id).execute();
    await db.deleteFrom('kiosk_heartbeats').where('kiosk_id', '=', demoKiosk.id).execute();
    await db.deleteFrom('kiosks').where('id', '=', demoKiosk.id).execute();
    return;
  }
  await db
    .insertInto('kiosks')
    .values({
      id: demoKiosk.id,
      name: demoKiosk.name,
      location: demoKiosk.location,
      key_hash: hashKioskKey(demoKiosk.key),
      created_at: new Date(now).toISOString(),
      revoked_at: null,
    })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
}

export type KioskIdentity = Schemas['Kiosk'];

/** The 401 for a kiosk operation: the contract's `unauthorized`, saying what was missing. */
export function kioskUnauthorized(detail: string): ContractResponse {
  return {
    status: 401,
    body: problem(401, 'unauthorized', { title: 'A valid kiosk key is needed', detail }),
  };
}

/**
 * The kiosk whose key this is, if it is one and not revoked. Found by the key's hash through the
 * unique index: a lookup's timing could at most tell something of a hash, from which nothing leads
 * back to a 256-bit key.
 */
export async function kioskOfKey(
  database: Database,
  key: string | undefined,
): Promise<KioskIdentity | undefined> {
  if (!key) return undefined;
  const row = await database
    .current()
    .selectFrom('kiosks')
    .select(['id', 'name', 'location'])
    .where('key_hash', '=', hashKioskKey(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row;
}

/** The kiosk of a request's `Sportello-Kiosk-Key`, or the 401 to answer. */
export async function authenticateKiosk(
  database: Database,
  headers: Record<string, string>,
): Promise<KioskIdentity | ContractResponse> {
  const key = headers['sportello-kiosk-key'];
  const kiosk = await kioskOfKey(database, key);
  if (kiosk) return kiosk;
  return kioskUnauthorized(
    key
      ? 'This kiosk key is unknown or has been revoked.'
      : 'No kiosk key: send it in the Sportello-Kiosk-Key header.',
  );
}

/** Whether two secrets are equal, in a time that does not depend on where they differ. */
function sameSecret(given: string, expected: string): boolean {
  // Hashed first: timingSafeEqual needs equal lengths, and the length must not leak either.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function operatorUnauthorized(detail: string): ContractResponse {
  return {
    status: 401,
    body: problem(401, 'unauthorized', { title: 'A valid operator credential is needed', detail }),
  };
}

/** The kiosk operations: heartbeat and identity (kiosk key), the fleet (operator credential). */
export function kioskHandlers(
  database: Database,
  options: { now: () => number; operatorToken?: string },
): Record<string, Handler> {
  return {
    async sendKioskHeartbeat({ headers, body }) {
      const kiosk = await authenticateKiosk(database, headers);
      if ('status' in kiosk) return kiosk;
      const heartbeat = body as Schemas['KioskHeartbeat'];
      const now = options.now();
      const row = {
        received_at_ms: now,
        version: heartbeat.version,
        service_worker: heartbeat.serviceWorker,
        storage_used_bytes: heartbeat.storageUsedBytes,
        self_check: heartbeat.lastSelfCheck ? JSON.stringify(heartbeat.lastSelfCheck) : null,
      };
      // The latest only: one row per kiosk, overwritten.
      await database
        .current()
        .insertInto('kiosk_heartbeats')
        .values({ kiosk_id: kiosk.id, ...row })
        .onConflict((conflict) => conflict.column('kiosk_id').doUpdateSet(row))
        .execute();
      return ok(200, {
        receivedAt: toRomeIso(now),
        nextHeartbeatSeconds: HEARTBEAT_SECONDS,
      } satisfies Schemas['KioskHeartbeatReceipt']);
    },

    async getKiosk({ headers }) {
      const kiosk = await authenticateKiosk(database, headers);
      return 'status' in kiosk ? kiosk : ok(200, kiosk satisfies Schemas['Kiosk']);
    },

    async listKiosks({ headers }) {
      const given = headers['sportello-operator-token'];
      if (!options.operatorToken) {
        return operatorUnauthorized('No operator credential is configured on this gateway (OPERATOR_TOKEN).');
      }
      if (!given || !sameSecret(given, options.operatorToken)) {
        return operatorUnauthorized('Send the operator credential in the Sportello-Operator-Token header.');
      }
      const now = options.now();
      const rows = await database
        .current()
        .selectFrom('kiosks')
        .leftJoin('kiosk_heartbeats', 'kiosk_heartbeats.kiosk_id', 'kiosks.id')
        .select([
          'kiosks.id',
          'kiosks.name',
          'kiosks.location',
          'kiosks.created_at',
          'kiosk_heartbeats.received_at_ms',
          'kiosk_heartbeats.version',
          'kiosk_heartbeats.service_worker',
          'kiosk_heartbeats.storage_used_bytes',
          'kiosk_heartbeats.self_check',
        ])
        .where('kiosks.revoked_at', 'is', null)
        .orderBy('kiosks.name')
        .orderBy('kiosks.id')
        .execute();
      const staleBefore = now - STALE_AFTER_MINUTES * 60_000;
      const kiosks = rows.map((row): Schemas['KioskStatus'] => {
        const receivedAtMs = row.received_at_ms === null ? undefined : Number(row.received_at_ms);
        return {
          id: row.id,
          name: row.name,
          location: row.location,
          createdAt: toRomeIso(Date.parse(row.created_at)),
          stale: receivedAtMs === undefined || receivedAtMs < staleBefore,
          ...(receivedAtMs !== undefined
            ? {
                lastHeartbeat: {
                  receivedAt: toRomeIso(receivedAtMs),
                  version: row.version!,
                  serviceWorker: row.service_worker as Schemas['KioskHeartbeat']['serviceWorker'],
                  storageUsedBytes: Number(row.storage_used_bytes),
                  ...(row.self_check
                    ? { lastSelfCheck: JSON.parse(row.self_check) as Schemas['KioskSelfCheck'] }
                    : {}),
                },
              }
            : {}),
        };
      });
      return ok(200, { kiosks, staleAfterMinutes: STALE_AFTER_MINUTES } satisfies Schemas['KioskFleet']);
    },
  };
}
