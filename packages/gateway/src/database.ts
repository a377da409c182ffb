import { AsyncLocalStorage } from 'node:async_hooks';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
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
    /** A path the gateway serves, or an https URL (migration 0014). */
    logo: string | null;
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
    /**
     * `held` (counts in its slot), `confirmed`, `released` (replaced), `expired`, or `handed-off`
     * (claimed by a phone: its places went with it to the phone's new hold, hand-off.ts).
     */
    state: string;
    created_at: string;
    /** The client holding it (a keyed hash of its address), while it is held (migration 0013). */
    client_key: string | null;
  };
  /** Kiosks and the SHA-256 of their keys (kiosks.ts); a revoked one keeps its row, unusable. */
  kiosks: {
    id: string;
    name: string;
    location: string;
    key_hash: string;
    created_at: string;
    revoked_at: string | null;
  };
  /** Each kiosk's latest heartbeat only. */
  kiosk_heartbeats: {
    kiosk_id: string;
    received_at_ms: number | string;
    version: string;
    service_worker: string;
    storage_used_bytes: number | string;
    /** The contract's KioskSelfCheck as JSON, when the kiosk sent one. */
    self_check: string | null;
  };
  /** Hand-off codes of held times (hand-off.ts), by their hash, until claimed or past the hold. */
  booking_hand_offs: {
    code_hash: string;
    hold_id: string;
    kiosk_id: string;
    expires_at_ms: number | string;
  };
  /** Secrets shared by every instance on the database, made by a migration (0013: `client-key`). */
  gateway_secrets: { name: string; value: string };
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
  /**
   * Certificate requests and, once issued, their certificates (certificates.ts, migration 0015).
   * `citizen` is who asked (only they see the request); `registry` the registry's answer when asked
   * (JSON: the subject as `person`, and `family`), from which the certificate is made and rendered.
   */
  certificate_requests: {
    id: string;
    citizen: string;
    kind: string;
    /** `private-party` or `exempt`. */
    use: string;
    exemption: string | null;
    exemption_reason: string | null;
    registry: string;
    /** The stamp duty when due, with its notice; null otherwise. */
    stamp_cents: number | string | null;
    notice_creditor: string | null;
    notice_number: string | null;
    created_at: string;
    /** Set once, when issued (unique): the certificate's identifier. */
    certificate_id: string | null;
    /** The sealed face (JSON) and the seal's text, once issued. */
    face: string | null;
    seal: string | null;
    issued_at: string | null;
    /** When the stamp's notice was paid, as the payment provider said. */
    stamp_paid_at: string | null;
    /** Withdrawn by the registry office (`sportello-gateway certificate revoke`). */
    revoked_at: string | null;
  };
  /** Download links by their code's SHA-256: a request's certificate, or a self-declaration's data (JSON). */
  certificate_downloads: {
    code_hash: string;
    request_id: string | null;
    /** Blanked when downloaded. */
    self_declaration: string | null;
    /** The certificate's kind, or `self-declaration`: names the file. */
    kind: string;
    expires_at_ms: number | string;
    used_at_ms: number | string | null;
  };
  /** Online verifications, by client (a keyed hash of its address), for the rate limit. */
  certificate_verifications: { client_key: string; verified_at_ms: number | string };
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
  /**
   * Runs `work` at the end of the current transaction, just before it commits, once per `key` however
   * often it is asked for, in the keys' order; outside a transaction, at once. For writes that must
   * come last, such as bumping a counter whose row every writer takes: taken last and in one order,
   * such rows never make two transactions wait on each other in a circle. Work undone by a failed
   * savepoint keeps its hook: a hook must be harmless when what it follows did not happen.
   */
  beforeCommit(key: string, work: () => Promise<void>): Promise<void>;
  /** Applies pending migrations; returns the name of the last one applied. */
  migrate(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Makes the data folder (when new) and the SQLite database readable by the owner only, as the demo
 * issuer's key beside it: the file holds citizens' names, emails and payments. The file is created
 * here, before SQLite opens it, with mode 0600; SQLite creates its `-wal` and `-shm` files with the
 * database file's own mode. Files left readable by an older version are narrowed at start.
 */
function ownerOnly(dataDir: string, path: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  // Windows has no such modes: there the folder's access list decides.
  if (process.platform === 'win32') return;
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}

/** The transaction `current()` is in, and what must run before it commits. */
interface OpenTransaction {
  trx: Transaction<Tables>;
  beforeCommit: Map<string, () => Promise<void>>;
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
    const path = join(options.dataDir, 'sportello.sqlite');
    ownerOnly(options.dataDir, path);
    const file = new SQLite(path);
    // WAL: readers never wait for the writer; NORMAL sync is durable across application crashes.
    file.pragma('journal_mode = WAL');
    file.pragma('synchronous = NORMAL');
    file.pragma('foreign_keys = ON');
    file.pragma('busy_timeout = 5000');
    db = new Kysely<Tables>({ dialect: new TransactionalSqliteDialect({ database: file }) });
  }

  const scope = new AsyncLocalStorage<OpenTransaction>();
  let savepoints = 0;
  return {
    kind,
    db,
    current: () => scope.getStore()?.trx ?? db,
    async transaction(work) {
      const store = scope.getStore();
      if (!store) {
        return db.transaction().execute(async (trx) => {
          const opened: OpenTransaction = { trx, beforeCommit: new Map() };
          const result = await scope.run(opened, work);
          for (const key of [...opened.beforeCommit.keys()].sort()) {
            await scope.run(opened, opened.beforeCommit.get(key)!);
          }
          return result;
        });
      }
      const open = store.trx;
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
    async beforeCommit(key, work) {
      const store = scope.getStore();
      if (!store) return work();
      if (!store.beforeCommit.has(key)) store.beforeCommit.set(key, work);
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
