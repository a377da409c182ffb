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
  type Transaction,
} from 'kysely';
import pg from 'pg';
import { migrations } from './migrations.js';

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
