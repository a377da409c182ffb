import {
  idempotencyKeyReused,
  notYet,
  type ContractImplementation,
  type ContractResponse,
} from '@sportello/core/contract';
import type { Database } from './database.js';
import { Refusal, refusable } from './refusal.js';

/**
 * Idempotency-Key over the database: the key's record and the write commit together or not at all.
 * A concurrent request with the same key waits on the key's primary key until the first one
 * commits (PostgreSQL's unique index; SQLite's single writer), then gets the recorded answer.
 * A "not now" answer (core's `notYet`) rolls back, so the key is free for the retry. Records are
 * kept a day (housekeeping.ts).
 */
export function databaseIdempotency(
  database: Database,
  now: () => number,
): ContractImplementation['idempotent'] {
  return (record, write) =>
    refusable(() =>
      database.transaction(async (): Promise<ContractResponse> => {
        const db = database.current();
        const recorded = async (): Promise<ContractResponse | undefined> => {
          const row = await db
            .selectFrom('idempotency_keys')
            .selectAll()
            .where('scope', '=', record.scope)
            .where('key', '=', record.key)
            .executeTakeFirst();
          if (!row) return undefined;
          if (row.fingerprint !== record.fingerprint) return idempotencyKeyReused();
          return { status: Number(row.status), body: JSON.parse(row.response) };
        };
        const earlier = await recorded();
        if (earlier) return earlier;
        // Claim the key first: a concurrent twin blocks here (or fails the insert) instead of writing too.
        const claimed = await db
          .insertInto('idempotency_keys')
          .values({
            scope: record.scope,
            key: record.key,
            fingerprint: record.fingerprint,
            status: 0,
            response: 'null',
            created_at: new Date(now()).toISOString(),
          })
          .onConflict((conflict) => conflict.columns(['scope', 'key']).doNothing())
          .executeTakeFirst();
        if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
          // The twin committed between our read and our insert: answer as it did.
          return (await recorded())!;
        }
        const response = await write();
        // Thrown to roll back, claim of the key included, and answered all the same.
        if (notYet(response)) throw new Refusal(response);
        await db
          .updateTable('idempotency_keys')
          .set({ status: response.status, response: JSON.stringify(response.body ?? null) })
          .where('scope', '=', record.scope)
          .where('key', '=', record.key)
          .execute();
        return response;
      }),
    );
}
