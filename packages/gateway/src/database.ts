import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  sql,
  type DialectAdapter,
  type Migration,
  type Transaction,
} from 'kysely';
import pg from 'pg';

/**
 * SQLite with each migration in a transaction, as on PostgreSQL. Kysely's SQLite adapter says
 * SQLite's DDL is not transactional, so its migrator would commit a migration statement by statement:
 * a crash between two of them would leave half a schema, and the next start would fail on it for
 * good. SQLite's DDL is transactional (CREATE, ALTER and DROP roll back like any write).
 */
class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new (class extends SqliteAdapter {
      override get supportsTransactionalDdl(): boolean {
        return true;
      }
    })();
  }
}

export interface Tables {
  municipality: {
    id: string;
    name: string;
    creditor_fiscal_code: string;
    patron_saint_name: string | null;
    patron_saint_date: string | null;
  };
  offices: {
    id: string;
    position: number;
    name: string;
    street: string;
    postal_code: string;
    city: string;
    phone: string | null;
    email: string | null;
    counters: number;
  };
  opening_hours: { office_id: string; position: number; weekday: number; opens: string; closes: string };
  services: { id: string; position: number; name: string };
  service_offices: { service_id: string; office_id: string; position: number };
  citizens: {
    fiscal_code: string;
    family_id: string;
    position: number;
    given_name: string;
    family_name: string;
    birth_date: string;
    relationship: string;
  };
  feedback: {
    id: string;
    service: string;
    rating: number;
    reasons: string;
    comment: string | null;
    received_at: string;
  };
  notices: {
    creditor_fiscal_code: string;
    notice_number: string;
    payee: string;
    description: string;
    amount_cents: number | string;
    due_date: string;
    state: string;
    payment_id: string | null;
    /** For notices created from the catalogue: the service and what the citizen filled in (JSON). */
    details: string | null;
  };
  payments: {
    id: string;
    status: string;
    amount_cents: number | string;
    created_at: string;
    return_url: string;
    checkout_url: string;
    simulated: number;
    receipt_number: string | null;
    paid_at: string | null;
    /** Demo mode: the visitor (a cookie's random id) whose own copy of the demo notices this pays. */
    demo_visitor: string | null;
  };
  payment_notices: {
    payment_id: string;
    position: number;
    creditor_fiscal_code: string;
    notice_number: string;
    payee: string;
    description: string;
    amount_cents: number | string;
    due_date: string;
  };
  catalogue_items: { id: string; position: number; definition: string };
  counters: { name: string; value: number | string };
  /** Each service as the contract's BookingService minus `officeIds` (JSON: read whole, never queried into). */
  booking_services: { id: string; position: number; definition: string };
  booking_service_offices: { service_id: string; office_id: string; position: number };
  /** Days an office is closed besides holidays, `YYYY-MM-DD`, both included. */
  office_closures: { office_id: string; position: number; from_date: string; to_date: string };
  /**
   * The guard against overbooking: one row per office and minute ever held (`start_ms` is the
   * minute's start), `taken` counting the confirmed appointments plus live holds of any service that
   * cover that minute. Places are claimed only by `taken = taken + 1 where taken < capacity`.
   */
  booking_slots: { office_id: string; start_ms: number | string; capacity: number; taken: number };
  booking_holds: {
    id: string;
    service_id: string;
    office_id: string;
    start_ms: number | string;
    /** The slot's start and end in Rome's time, as answered. */
    starts_at: string;
    ends_at: string;
    expires_at_ms: number | string;
    expires_at: string;
    /** `held` (counts in its slot), `confirmed`, `released` (replaced) or `expired`. */
    state: string;
    created_at: string;
  };
  appointments: {
    reference: string;
    manage_code_hash: string;
    service_id: string;
    office_id: string;
    reason: string;
    notes: string | null;
    given_name: string;
    family_name: string;
    email: string;
    phone: string | null;
    fiscal_code: string | null;
    language: string;
    start_ms: number | string;
    starts_at: string;
    ends_at: string;
    /** `confirmed` or `cancelled`. */
    status: string;
    created_at: string;
    cancelled_at: string | null;
  };
  /** Messages to the citizen, written in the transaction that changes the appointment. */
  notifications: {
    id: string;
    appointment_reference: string;
    /** `confirmation`, `cancellation` or `rescheduled`. */
    kind: string;
    to_address: string;
    subject: string;
    body: string;
    /** The plaintext manage code in `body`, kept only until the message is sent, then blanked out. */
    manage_code: string | null;
    created_at: string;
    /** When a sender took it (a sender that died is retried after a while). */
    claimed_at: string | null;
    sent_at: string | null;
    /** Failed sends so far. */
    attempts: number;
    /** Not to be tried before this, after a failed send (null: at once). */
    retry_at: string | null;
    /** When sending was given up (the code blanked out as when sent). */
    failed_at: string | null;
  };
  /** Wrong manage codes, by `ip:<address>` and `ref:<reference>`, for the rate limit. */
  manage_code_failures: { key: string; failed_at_ms: number | string };
  idempotency_keys: {
    scope: string;
    key: string;
    fingerprint: string;
    status: number;
    response: string;
    created_at: string;
  };
}

export type DatabaseKind = 'sqlite' | 'postgres';

// Versioned migrations, applied in name order at start. Never edit one that has shipped: add the next.
/** In order of their names; exported for the tests that upgrade a database from an earlier one. */
export const migrations: Record<string, Migration> = {
  '0001-initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('municipality')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('creditor_fiscal_code', 'text', (c) => c.notNull())
        .addColumn('patron_saint_name', 'text')
        .addColumn('patron_saint_date', 'text')
        .execute();
      await db.schema
        .createTable('offices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('street', 'text', (c) => c.notNull())
        .addColumn('postal_code', 'text', (c) => c.notNull())
        .addColumn('city', 'text', (c) => c.notNull())
        .addColumn('phone', 'text')
        .addColumn('email', 'text')
        .addColumn('counters', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('opening_hours')
        .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('weekday', 'integer', (c) => c.notNull())
        .addColumn('opens', 'text', (c) => c.notNull())
        .addColumn('closes', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('opening_hours_pk', ['office_id', 'position'])
        .execute();
      await db.schema
        .createTable('services')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('service_offices')
        .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
        .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('service_offices_pk', ['service_id', 'office_id'])
        .execute();
      await db.schema
        .createTable('citizens')
        .addColumn('fiscal_code', 'text', (c) => c.primaryKey())
        .addColumn('family_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('given_name', 'text', (c) => c.notNull())
        .addColumn('family_name', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'text', (c) => c.notNull())
        .addColumn('relationship', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('citizens_family').on('citizens').column('family_id').execute();
      await db.schema
        .createTable('feedback')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('rating', 'integer', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('feedback_service').on('feedback').column('service').execute();
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
        .execute();
    },
  },
  '0002-payments': {
    async up(db: Kysely<unknown>) {
      // Amounts are bigint: pagoPA takes up to 99,999,999,999 cents, past PostgreSQL's integer.
      await db.schema
        .createTable('notices')
        .addColumn('creditor_fiscal_code', 'text', (c) => c.notNull())
        .addColumn('notice_number', 'text', (c) => c.notNull())
        .addColumn('payee', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'bigint', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('payment_id', 'text')
        .addPrimaryKeyConstraint('notices_pk', ['creditor_fiscal_code', 'notice_number'])
        .execute();
      await db.schema
        .createTable('payments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('return_url', 'text', (c) => c.notNull())
        .addColumn('checkout_url', 'text', (c) => c.notNull())
        .addColumn('simulated', 'integer', (c) => c.notNull())
        .addColumn('receipt_number', 'text')
        .addColumn('paid_at', 'text')
        .execute();
      await db.schema
        .createTable('payment_notices')
        .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('creditor_fiscal_code', 'text', (c) => c.notNull())
        .addColumn('notice_number', 'text', (c) => c.notNull())
        .addColumn('payee', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'bigint', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('payment_notices_pk', ['payment_id', 'position'])
        .execute();
    },
  },
  '0003-payment-catalogue': {
    async up(db: Kysely<unknown>) {
      // Each item as the contract's CatalogueItem, in JSON: it is read whole and never queried into.
      await db.schema
        .createTable('catalogue_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('counters')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0004-notice-details': {
    async up(db: Kysely<unknown>) {
      // The municipality must know whose canteen account or which fine a created notice pays.
      await db.schema.alterTable('notices').addColumn('details', 'text').execute();
    },
  },
  '0005-booking': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('booking_services')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('booking_service_offices')
        .addColumn('service_id', 'text', (c) => c.notNull().references('booking_services.id'))
        .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('booking_service_offices_pk', ['service_id', 'office_id'])
        .execute();
      await db.schema
        .createTable('office_closures')
        .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('from_date', 'text', (c) => c.notNull())
        .addColumn('to_date', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('office_closures_pk', ['office_id', 'position'])
        .execute();
      // Instants as epoch milliseconds (bigint): one slot is one row whatever the offset it was written with.
      await db.schema
        .createTable('booking_slots')
        .addColumn('office_id', 'text', (c) => c.notNull())
        .addColumn('start_ms', 'bigint', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull())
        .addColumn('taken', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('booking_slots_pk', ['office_id', 'start_ms'])
        .addCheckConstraint('booking_slots_taken', sql`taken >= 0 and taken <= capacity`)
        .execute();
      await db.schema
        .createTable('booking_holds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('office_id', 'text', (c) => c.notNull())
        .addColumn('start_ms', 'bigint', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('booking_holds_live')
        .on('booking_holds')
        .columns(['state', 'expires_at_ms'])
        .execute();
      await db.schema
        .createTable('appointments')
        .addColumn('reference', 'text', (c) => c.primaryKey())
        .addColumn('manage_code_hash', 'text', (c) => c.notNull())
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('office_id', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('notes', 'text')
        .addColumn('given_name', 'text', (c) => c.notNull())
        .addColumn('family_name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('phone', 'text')
        .addColumn('fiscal_code', 'text')
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('start_ms', 'bigint', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('cancelled_at', 'text')
        .execute();
      await db.schema
        .createIndex('appointments_slot')
        .on('appointments')
        .columns(['office_id', 'start_ms'])
        .execute();
      await db.schema
        .createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('appointment_reference', 'text', (c) => c.notNull().references('appointments.reference'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('to_address', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('manage_code', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('claimed_at', 'text')
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema
        .createIndex('notifications_unsent')
        .on('notifications')
        .columns(['sent_at', 'created_at'])
        .execute();
      await db.schema
        .createTable('manage_code_failures')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('failed_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('manage_code_failures_key')
        .on('manage_code_failures')
        .columns(['key', 'failed_at_ms'])
        .execute();
    },
  },
  '0006-payments-pending': {
    async up(db: Kysely<unknown>) {
      // Every notice lookup and checkout first looks for payments left pending past pagoPA's lock.
      await db.schema
        .createIndex('payments_pending')
        .on('payments')
        .columns(['status', 'created_at'])
        .execute();
    },
  },
  '0007-notices-locked': {
    async up(db: Kysely<unknown>) {
      // Abandoned payments are found from the few notices they still lock: payments sent to pagoPA's
      // checkout link stay pending for good, and would make a search from payments grow forever.
      await db.schema.createIndex('notices_locked').on('notices').columns(['state', 'payment_id']).execute();
    },
  },
  '0008-unused-indexes': {
    async up(db: Kysely<unknown>) {
      // No query reads through these (abandoned payments are found from the notices they lock since
      // 0007; a slot counts its places in its own row): each only slowed every write.
      await db.schema.dropIndex('payments_pending').execute();
      await db.schema.dropIndex('appointments_slot').execute();
    },
  },
  '0009-booking-places-by-minute': {
    async up(db: Kysely<unknown>) {
      // A `booking_slots` row counted the places of one slot start, so services of different lengths
      // at one office were counted apart and together could pass its counters. From here on a row
      // counts one minute of an office's time (`start_ms` is the minute's start), and a booking
      // takes a place in every minute it covers. Rebuilt from what holds places: holds still `held`
      // (expired ones too: releasing them gives their minutes back) and confirmed appointments.
      // Minutes worked out here, not with core's minutesOf: what a migration does must not change
      // when shared code does.
      const minuteMs = 60_000;
      const data = db as Kysely<Tables>;
      const booked = [
        ...(await data
          .selectFrom('booking_holds')
          .select(['office_id', 'start_ms', 'ends_at'])
          .where('state', '=', 'held')
          .execute()),
        ...(await data
          .selectFrom('appointments')
          .select(['office_id', 'start_ms', 'ends_at'])
          .where('status', '=', 'confirmed')
          .execute()),
      ];
      // Each minute keeps the capacity its booking's slot row had: the counters when last claimed.
      const slotCapacity = new Map<string, number>();
      for (const row of await data.selectFrom('booking_slots').selectAll().execute()) {
        slotCapacity.set(`${row.office_id}\u0000${Number(row.start_ms)}`, Number(row.capacity));
      }
      const counters = new Map<string, number>();
      for (const row of await data.selectFrom('offices').select(['id', 'counters']).execute()) {
        counters.set(row.id, Number(row.counters));
      }
      const minutes = new Map<string, Tables['booking_slots']>();
      for (const row of booked) {
        const startMs = Number(row.start_ms);
        const capacity =
          slotCapacity.get(`${row.office_id}\u0000${startMs}`) ?? counters.get(row.office_id) ?? 0;
        const endMs = Date.parse(row.ends_at);
        for (let minute = Math.floor(startMs / minuteMs) * minuteMs; minute < endMs; minute += minuteMs) {
          const key = `${row.office_id}\u0000${minute}`;
          const counted = minutes.get(key);
          // Bookings made before this fix may already overlap beyond the counters: they are kept,
          // and their minutes stay full (capacity raised to what is taken) until enough are cancelled.
          const taken = (counted?.taken ?? 0) + 1;
          minutes.set(key, {
            office_id: row.office_id,
            start_ms: minute,
            capacity: Math.max(Number(counted?.capacity ?? 0), capacity, taken),
            taken,
          });
        }
      }
      await data.deleteFrom('booking_slots').execute();
      const rows = [...minutes.values()];
      // In batches: both databases limit the parameters of one statement.
      for (let first = 0; first < rows.length; first += 500) {
        await data
          .insertInto('booking_slots')
          .values(rows.slice(first, first + 500))
          .execute();
      }
    },
  },
  '0010-notifications-retry': {
    async up(db: Kysely<unknown>) {
      // A message that failed was retried at every round, and twenty of them filled the batch and
      // held newer ones back: each failure now puts the message off for a while (notifications.ts).
      await db.schema
        .alterTable('notifications')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('notifications').addColumn('retry_at', 'text').execute();
      await db.schema.alterTable('notifications').addColumn('failed_at', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      for (const column of ['attempts', 'retry_at', 'failed_at']) {
        await db.schema.alterTable('notifications').dropColumn(column).execute();
      }
    },
  },
  '0011-appointments-details-kept': {
    async up(db: Kysely<unknown>) {
      // Housekeeping looks hourly for past appointments whose details are still kept: without this
      // it read the whole table each time. Partial, so the erased ones (no email) drop out of it.
      await db.schema
        .createIndex('appointments_details_kept')
        .on('appointments')
        .column('start_ms')
        .where(sql.ref('email'), '<>', '')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('appointments_details_kept').execute();
    },
  },
  '0012-payments-demo-visitor': {
    async up(db: Kysely<unknown>) {
      // Demo mode: each visitor pays their own copy of a demo notice, found from their payments
      // (payments.ts), so one visitor's payment no longer uses the notice up for the next.
      await db.schema.alterTable('payments').addColumn('demo_visitor', 'text').execute();
      await db.schema.createIndex('payments_demo_visitor').on('payments').column('demo_visitor').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('payments_demo_visitor').execute();
      await db.schema.alterTable('payments').dropColumn('demo_visitor').execute();
    },
  },
};

export interface Database {
  kind: DatabaseKind;
  db: Kysely<Tables>;
  /** The query builder to use now: the current transaction inside `transaction()`, else the pool. */
  current(): Kysely<Tables>;
  /**
   * Runs `work` in one transaction; queries through `current()` inside it join the transaction.
   * Called inside a transaction, `work` runs in a savepoint of the one already open.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Applies pending migrations; returns the name of the last one applied. */
  migrate(): Promise<string>;
  close(): Promise<void>;
}

export function openDatabase(options: { databaseUrl?: string; dataDir: string }): Database {
  let kind: DatabaseKind;
  let db: Kysely<Tables>;
  if (options.databaseUrl && /^postgres(ql)?:\/\//.test(options.databaseUrl)) {
    kind = 'postgres';
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection closed by the server (a restart, a failover) is replaced on next use; it
    // must not crash the gateway. Queries in flight still fail, and are answered and logged.
    pool.on('error', () => undefined);
    db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  } else if (options.databaseUrl) {
    throw new Error('DATABASE_URL must start with postgres:// (leave it unset for SQLite)');
  } else {
    kind = 'sqlite';
    mkdirSync(options.dataDir, { recursive: true });
    const file = new SQLite(join(options.dataDir, 'sportello.sqlite'));
    // WAL: readers never wait for the writer; NORMAL sync is durable across application crashes.
    file.pragma('journal_mode = WAL');
    file.pragma('synchronous = NORMAL');
    file.pragma('foreign_keys = ON');
    file.pragma('busy_timeout = 5000');
    db = new Kysely<Tables>({ dialect: new TransactionalSqliteDialect({ database: file }) });
  }

  const scope = new AsyncLocalStorage<Transaction<Tables>>();
  let savepoints = 0;
  return {
    kind,
    db,
    current: () => scope.getStore() ?? db,
    async transaction(work) {
      const open = scope.getStore();
      if (!open) return db.transaction().execute((trx) => scope.run(trx, work));
      // Inside a transaction already (an Idempotency-Key's): a savepoint, so that a failure undoes
      // this work alone and the outer transaction can still record the answer.
      const savepoint = `nested_${++savepoints}`;
      await sql.raw(`savepoint ${savepoint}`).execute(open);
      try {
        const result = await work();
        await sql.raw(`release savepoint ${savepoint}`).execute(open);
        return result;
      } catch (error) {
        await sql.raw(`rollback to savepoint ${savepoint}`).execute(open);
        throw error;
      }
    },
    async migrate() {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      const { error } = await migrator.migrateToLatest();
      if (error) throw error;
      const applied = await migrator.getMigrations();
      return applied.filter((m) => m.executedAt).at(-1)?.name ?? 'none';
    },
    close: () => db.destroy(),
  };
}
