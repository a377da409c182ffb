// Handing a held booking time from a kiosk to the citizen's own phone.
//
// The kiosk asks for a code for its hold (its key required: only a kiosk hands off) and shows it in
// a QR; the phone claims it. The code is single-use, stored hashed, carries nothing about the
// citizen, and runs out with the hold. Claiming moves the hold to a new row under a new id that
// only the phone learns: the kiosk's id then controls nothing (its DELETE at session end answers
// 404 and frees nothing), and the places stay taken throughout, so `taken` never changes here.
//
// Single use, under concurrency: the claim deletes the code's row, and only one request can delete
// it (PostgreSQL makes the second wait for the first to commit, then finds nothing; SQLite has one
// writer). The hold's row moves from `held` by a conditional update, so a kiosk booking or giving
// the hold back at the same moment either wins (the claim answers 410) or loses (404 for the kiosk).
// The claiming client's live holds are counted under its lock, as when it holds a time itself
// (booking.ts), so a hand-off never takes a client past HOLDS_PER_CLIENT. Lock order: the client's
// lock, the code's row, the hold's row; no minute rows.
import { randomUUID } from 'node:crypto';
import {
  generateManageCode,
  hashManageCode,
  holdNotFound,
  notFound,
  problem,
  type ContractResponse,
  type Handler,
  type Schemas,
} from '@sportello/core/contract';
import { refuseBeyondHoldCap, requestClients } from './booking.js';
import type { Database } from './database.js';
import { authenticateKiosk } from './kiosks.js';
import { refusable } from './refusal.js';

const ok = (status: number, body: unknown): ContractResponse => ({ status, body });
/** The time is no longer held: run out, given back, or booked at the kiosk. */
const handOffGone = (): ContractResponse => ({ status: 410, body: problem(410, 'hold-expired') });

// A hand-off code is made and stored as a manage code is: 80 random bits in Crockford base32, in
// groups of four (readable if a QR will not scan), kept only as the SHA-256 of its normal form.
const newHandOffCode = generateManageCode;
const hashHandOffCode = hashManageCode;

export function handOffHandlers(database: Database, options: { now: () => number }): Record<string, Handler> {
  const current = () => database.current();
  const { clientKey, lockKey } = requestClients(database);

  return {
    async createHoldHandOff({ headers, params }) {
      const kiosk = await authenticateKiosk(database, headers);
      if ('status' in kiosk) return kiosk;
      const now = options.now();
      const hold = await current()
        .selectFrom('booking_holds')
        .select(['id', 'state', 'expires_at_ms', 'expires_at'])
        .where('id', '=', params.id!)
        .executeTakeFirst();
      if (hold?.state !== 'held' || Number(hold.expires_at_ms) <= now) return holdNotFound();
      const code = newHandOffCode();
      await current()
        .insertInto('booking_hand_offs')
        .values({
          code_hash: await hashHandOffCode(code),
          hold_id: hold.id,
          kiosk_id: kiosk.id,
          expires_at_ms: Number(hold.expires_at_ms),
        })
        .execute();
      // Should the kiosk give the hold back meanwhile, the code stays until housekeeping takes it,
      // and a claim finds the hold gone (410).
      return ok(201, { code, expiresAt: hold.expires_at } satisfies Schemas['HandOff']);
    },

    async claimHoldHandOff({ body }) {
      const { code } = body as Schemas['HandOffClaimInput'];
      const codeHash = await hashHandOffCode(code);
      const now = options.now();
      const client = await clientKey();
      return refusable(() =>
        database.transaction(async () => {
          const db = current();
          // First, before any row: the client's holds are counted by one request at a time.
          await lockKey(`holds:${client}`);
          // The code is used up by whoever deletes it: of two claims, exactly one.
          const handOff = await db
            .deleteFrom('booking_hand_offs')
            .where('code_hash', '=', codeHash)
            .returningAll()
            .executeTakeFirst();
          // Unknown and used alike: a code cannot be probed for having existed.
          if (!handOff) return notFound();
          // A revoked kiosk's codes go with its key (a stolen kiosk hands nothing off).
          const kiosk = await db
            .selectFrom('kiosks')
            .select(['name', 'location'])
            .where('id', '=', handOff.kiosk_id)
            .where('revoked_at', 'is', null)
            .executeTakeFirst();
          if (!kiosk) return notFound();
          // A code of a time no longer held is used up all the same (returned, so it commits).
          if (Number(handOff.expires_at_ms) <= now) return handOffGone();
          // The time being moved, should this client be the kiosk's own address, is not one more;
          // a refusal is thrown: the code comes back, for when the phone has given a time back.
          await refuseBeyondHoldCap(db, client, now, handOff.hold_id);
          const moved = await db
            .updateTable('booking_holds')
            .set({ state: 'handed-off', client_key: null })
            .where('id', '=', handOff.hold_id)
            .where('state', '=', 'held')
            .where('expires_at_ms', '>', now)
            .returningAll()
            .executeTakeFirst();
          if (!moved) return handOffGone();
          const id = randomUUID();
          await db
            .insertInto('booking_holds')
            .values({
              ...moved,
              id,
              state: 'held',
              created_at: new Date(now).toISOString(),
              client_key: client,
            })
            .execute();
          // Any other code the kiosk asked for, for the same time, goes with it.
          await db.deleteFrom('booking_hand_offs').where('hold_id', '=', moved.id).execute();
          return ok(201, {
            hold: {
              id,
              service: moved.service_id,
              office: moved.office_id,
              start: moved.starts_at,
              end: moved.ends_at,
              expiresAt: moved.expires_at,
            },
            kiosk: { name: kiosk.name, location: kiosk.location },
          } satisfies Schemas['HandOffClaim']);
        }),
      );
    },
  };
}
