import { initialOf } from '@sportello/core/contract';
import { sql, type RawBuilder } from 'kysely';
import { MANAGE_CODE_WINDOW_MS } from './booking.js';
import { ERASED, VERIFICATION_WINDOW_MS } from './certificates.js';
import type { Database } from './database.js';
import { giveUpStaleMessages } from './notifications.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Appointments whose details are erased in one transaction. */
const ERASE_BATCH = 200;
/** Rows deleted by one statement. */
const DELETE_BATCH = 5000;
/**
 * How long what only serves a retry or a recent past is kept: a retry a day later is a new request,
 * and a time over for a day is never asked about again.
 */
const KEPT_FOR_MS = DAY_MS;

export interface HousekeepingRound {
  idempotencyKeys: number;
  bookingMinutes: number;
  endedHolds: number;
  manageCodeFailures: number;
  /** Hand-off codes of holds run out (never claimed). */
  handOffs: number;
  /** Certificate download links used or run out (a self-declaration's data goes with its link). */
  certificateDownloads: number;
  /** Online certificate verifications past the rate limit's window. */
  certificateVerifications: number;
  /** Messages not sent within a day, given up with their manage codes blanked. */
  givenUpMessages: number;
  /** Appointments whose applicant's details were erased. */
  erasedAppointments: number;
  /** Issued certificates whose registry details were erased (face and seal stay, for verifying). */
  erasedCertificateRequests: number;
  /** Requests that never had their stamp paid: notice withdrawn, registry details erased. */
  abandonedCertificateRequests: number;
}

export interface Housekeeping {
  /** One round now; resolves to how many rows of each kind went. */
  run(): Promise<HousekeepingRound>;
  stop(): Promise<void>;
}

/**
 * Deletes, at start and then every `intervalMs` (an hour), what the gateway no longer needs, so
 * its tables do not grow with every request:
 * - Idempotency-Key records older than a day (createAppointment's hold the manage code it answered);
 * - the places counted per minute (`booking_slots`) of minutes over for a day;
 * - holds that ended (confirmed, released, expired) for times over for a day;
 * - wrong manage codes (client addresses) past the rate limit's window, also when no new one comes;
 * - hand-off codes of holds run out, which nobody can claim any more;
 * - certificate download links used or run out (a used or old code is then answered as unknown),
 *   and online verifications (client keys) past the rate limit's window;
 * - the manage codes of messages not sent within a day (given up), also where nothing sends them;
 * - `appointmentDetailsDays` after an appointment, its applicant's details: the names become their
 *   initials (what the contract shows), email, phone, fiscal code and notes go, and so do the
 *   messages sent about it (they quote name and email);
 * - `certificateDetailsDays` after a certificate was issued, the registry's answer its request kept
 *   to draw the PDF again (the subject's and family's names, fiscal codes, birth dates) and an
 *   exemption's reason: the request is then over for its citizen (404), and the certificate is still
 *   verified by its identifier (the face, initials and printed facts, and the seal stay).
 *   A request still waiting for its stamp after as many days is abandoned: its notice withdrawn
 *   (`abandonUnpaidRequests`), its details erased.
 * Appointments, payments and notices are records the municipality keeps: they stay.
 */
export function startHousekeeping(
  database: Database,
  options: {
    now: () => number;
    appointmentDetailsDays: number;
    certificateDetailsDays: number;
    /** Withdraws the stamps not paid (certificates.ts's abandonUnpaidRequests); none: nothing to do. */
    abandonUnpaidCertificates?: (beforeMs: number) => Promise<number>;
    intervalMs?: number;
    onError?: (error: unknown) => void;
  },
): Housekeeping {
  let running: Promise<HousekeepingRound> | undefined;

  /**
   * Deletes the rows of `table` that `condition` picks, DELETE_BATCH at a time (by primary key): the
   * first round after an upgrade may find months of rows, and one long statement would hold SQLite's
   * only writer, and every request with it, until it ends. Resolves to how many went.
   */
  async function deleteInBatches(table: string, primaryKey: string[], condition: RawBuilder<unknown>) {
    const key = sql.join(primaryKey.map((column) => sql.ref(column)));
    let deleted = 0;
    for (;;) {
      const { numAffectedRows } = await sql`
        delete from ${sql.table(table)} where (${key}) in (
          select ${key} from ${sql.table(table)} where ${condition} limit ${DELETE_BATCH}
        )`.execute(database.current());
      const batch = Number(numAffectedRows ?? 0);
      deleted += batch;
      if (batch < DELETE_BATCH) return deleted;
    }
  }

  async function round(): Promise<HousekeepingRound> {
    const now = options.now();
    const before = now - KEPT_FOR_MS;
    return {
      idempotencyKeys: await deleteInBatches(
        'idempotency_keys',
        ['scope', 'key'],
        sql`created_at < ${new Date(before).toISOString()}`,
      ),
      bookingMinutes: await deleteInBatches(
        'booking_slots',
        ['office_id', 'start_ms'],
        sql`start_ms < ${before}`,
      ),
      endedHolds: await deleteInBatches(
        'booking_holds',
        ['id'],
        sql`state <> 'held' and start_ms < ${before}`,
      ),
      // The last hour's wrong codes or so, which rate limits keep few: one statement.
      manageCodeFailures: Number(
        (
          await database
            .current()
            .deleteFrom('manage_code_failures')
            .where('failed_at_ms', '<=', now - MANAGE_CODE_WINDOW_MS)
            .executeTakeFirst()
        ).numDeletedRows,
      ),
      handOffs: Number(
        (
          await database
            .current()
            .deleteFrom('booking_hand_offs')
            .where('expires_at_ms', '<=', now)
            .executeTakeFirst()
        ).numDeletedRows,
      ),
      certificateDownloads: Number(
        (
          await database
            .current()
            .deleteFrom('certificate_downloads')
            .where((eb) => eb.or([eb('used_at_ms', 'is not', null), eb('expires_at_ms', '<=', now)]))
            .executeTakeFirst()
        ).numDeletedRows,
      ),
      certificateVerifications: Number(
        (
          await database
            .current()
            .deleteFrom('certificate_verifications')
            .where('verified_at_ms', '<=', now - VERIFICATION_WINDOW_MS)
            .executeTakeFirst()
        ).numDeletedRows,
      ),
      givenUpMessages: await giveUpStaleMessages(database, now),
      erasedAppointments: await eraseAppointmentDetails(now - options.appointmentDetailsDays * DAY_MS),
      // One statement: the rows' own columns only. Downloads of such a request were deleted above
      // (a link lasts 15 minutes).
      erasedCertificateRequests: Number(
        (
          await database
            .current()
            .updateTable('certificate_requests')
            .set({ registry: ERASED, exemption_reason: null })
            .where('issued_at', '<', new Date(now - options.certificateDetailsDays * DAY_MS).toISOString())
            .where('registry', '<>', ERASED)
            .executeTakeFirst()
        ).numUpdatedRows,
      ),
      abandonedCertificateRequests:
        (await options.abandonUnpaidCertificates?.(now - options.certificateDetailsDays * DAY_MS)) ?? 0,
    };
  }

  /** Erases the details of appointments that started before `beforeMs`; resolves to how many. */
  async function eraseAppointmentDetails(beforeMs: number): Promise<number> {
    let erased = 0;
    for (;;) {
      const batch = await database.transaction(async () => {
        const db = database.current();
        // An erased appointment has no email (the column is required otherwise).
        const rows = await db
          .selectFrom('appointments')
          .select(['reference', 'given_name', 'family_name'])
          .where('start_ms', '<', beforeMs)
          .where('email', '<>', '')
          .limit(ERASE_BATCH)
          .execute();
        if (rows.length === 0) return 0;
        for (const row of rows) {
          // The row first, as it is now (another gateway's round may have erased it meanwhile),
          // then its messages. A cancel or move cannot race it: an appointment that has started
          // can no longer be cancelled or moved (appointment-past).
          const erased = await db
            .updateTable('appointments')
            .set({
              given_name: initialOf(row.given_name),
              family_name: initialOf(row.family_name),
              email: '',
              phone: null,
              fiscal_code: null,
              notes: null,
            })
            .where('reference', '=', row.reference)
            .where('start_ms', '<', beforeMs)
            .where('email', '<>', '')
            .returning('reference')
            .executeTakeFirst();
          // Then its messages, which quote the name and email.
          if (erased) {
            await db.deleteFrom('notifications').where('appointment_reference', '=', row.reference).execute();
          }
        }
        return rows.length;
      });
      erased += batch;
      if (batch < ERASE_BATCH) return erased;
    }
  }

  function run(): Promise<HousekeepingRound> {
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  }

  const runQuietly = () => {
    run().catch((error: unknown) => options.onError?.(error));
  };
  runQuietly();
  const timer = setInterval(runQuietly, options.intervalMs ?? HOUR_MS);
  timer.unref();

  return {
    run,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
