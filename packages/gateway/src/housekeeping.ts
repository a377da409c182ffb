import { MANAGE_CODE_WINDOW_MS } from './booking.js';
import type { Database } from './database.js';

const HOUR_MS = 3_600_000;
/**
 * How long what only serves a retry or a recent past is kept: a retry a day later is a new request,
 * and a time over for a day is never asked about again.
 */
const KEPT_FOR_MS = 24 * HOUR_MS;

export interface HousekeepingRound {
  idempotencyKeys: number;
  bookingMinutes: number;
  endedHolds: number;
  manageCodeFailures: number;
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
 * - wrong manage codes (client addresses) past the rate limit's window, also when no new one comes.
 * Appointments, payments and notices are records the municipality keeps: they stay.
 */
export function startHousekeeping(
  database: Database,
  options: { now: () => number; intervalMs?: number; onError?: (error: unknown) => void },
): Housekeeping {
  let running: Promise<HousekeepingRound> | undefined;

  async function round(): Promise<HousekeepingRound> {
    const db = database.current();
    const before = options.now() - KEPT_FOR_MS;
    const keys = await db
      .deleteFrom('idempotency_keys')
      .where('created_at', '<', new Date(before).toISOString())
      .executeTakeFirst();
    const minutes = await db.deleteFrom('booking_slots').where('start_ms', '<', before).executeTakeFirst();
    const holds = await db
      .deleteFrom('booking_holds')
      .where('state', '<>', 'held')
      .where('start_ms', '<', before)
      .executeTakeFirst();
    const failures = await db
      .deleteFrom('manage_code_failures')
      .where('failed_at_ms', '<=', options.now() - MANAGE_CODE_WINDOW_MS)
      .executeTakeFirst();
    return {
      manageCodeFailures: Number(failures.numDeletedRows),
      idempotencyKeys: Number(keys.numDeletedRows),
      bookingMinutes: Number(minutes.numDeletedRows),
      endedHolds: Number(holds.numDeletedRows),
    };
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
