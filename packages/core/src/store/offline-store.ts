import { openDB, type IDBPDatabase } from 'idb';
import { now as clockNow } from '../clock.js';
import { Outbox, type OutboxEntry } from './outbox.js';

/** A small key-value store in IndexedDB. */
export interface KeyValueScope {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

/** The citizen's scope also owns a Cache API cache, erased with the rest at the end of a session. */
export interface CitizenScope extends KeyValueScope {
  /** The citizen's own Cache API cache: anything put here is deleted by `wipeCitizen()`. */
  cache(): Promise<Cache>;
}

export interface OfflineStoreOptions {
  /** Prefix of the IndexedDB databases and of the cache; one store per app on an origin. */
  name?: string;
  /** Used to replay the outbox; injectable for integrators that add headers (tokens) to every call. */
  fetch?: typeof fetch;
  now?: () => number;
}

const ENTRIES = 'entries';
const OUTBOX = 'outbox';

type Scope = 'device' | 'citizen';

/**
 * Storage with two scopes, as a kiosk needs:
 *
 * - `device` persists: settings, language default, what the device itself needs;
 * - `citizen` holds everything about the person using it now, and the outbox of writes queued while
 *   offline (they may carry personal data). `wipeCitizen()` erases all of it: the citizen's IndexedDB
 *   database, the Cache API entries it created and the tab's sessionStorage.
 *
 * The citizen's data lives in a database of its own so that a wipe is a `deleteDatabase`, which
 * leaves nothing behind, rather than a walk over keys that could miss some.
 */
export class OfflineStore {
  readonly device: KeyValueScope;
  readonly citizen: CitizenScope;
  readonly outbox: Outbox;

  private readonly names: { device: string; citizen: string; cache: string };
  private readonly connections = new Map<Scope, Promise<IDBPDatabase>>();

  constructor(options: OfflineStoreOptions = {}) {
    const name = options.name ?? 'sportello';
    this.names = { device: `${name}-device`, citizen: `${name}-citizen`, cache: `${name}-citizen` };
    this.device = this.scope('device');
    this.citizen = { ...this.scope('citizen'), cache: () => caches.open(this.names.cache) };
    this.outbox = new Outbox({
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      now: options.now ?? clockNow,
      table: {
        add: async (entry) => Number(await (await this.db('citizen')).add(OUTBOX, entry)),
        all: async () => (await (await this.db('citizen')).getAll(OUTBOX)) as OutboxEntry[],
        put: async (entry) => {
          await (await this.db('citizen')).put(OUTBOX, entry);
        },
        delete: async (id) => (await this.db('citizen')).delete(OUTBOX, id),
      },
    });
  }

  /**
   * Erases everything of the current citizen and checks that nothing is left. Writes still in the
   * outbox are erased too: replay it first when online (the kiosk does at session end).
   */
  async wipeCitizen(): Promise<{ erased: boolean }> {
    // A replay still running would write its entries back into a database deleted under it, and
    // waiting for it could mean waiting on a network that never answers: it is stopped instead.
    this.outbox.cancel();
    const connection = this.connections.get('citizen');
    this.connections.delete('citizen');
    if (connection) (await connection.catch(() => undefined))?.close();
    // The cache and the session are cleared whatever becomes of the database (storage refused,
    // IndexedDB failing): a failure there must not leave the rest for the next citizen.
    let databaseDeleted = true;
    try {
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(this.names.citizen);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
        // Another tab holding the database open closes it on `versionchange` (see db()), so a
        // blocked delete completes as soon as it does.
      });
    } catch {
      databaseDeleted = false;
    }
    try {
      if (typeof caches !== 'undefined') await caches.delete(this.names.cache);
    } finally {
      globalThis.sessionStorage?.clear();
    }
    return { erased: databaseDeleted && (await this.citizenIsEmpty()) };
  }

  /** True when the citizen scope holds nothing: no entries, no queued writes, no cache, no session data. */
  async citizenIsEmpty(): Promise<boolean> {
    const databases = (await indexedDB.databases?.()) ?? [];
    const databaseLeft = databases.some((db) => db.name === this.names.citizen);
    const cacheLeft = typeof caches !== 'undefined' && (await caches.has(this.names.cache));
    const sessionLeft = (globalThis.sessionStorage?.length ?? 0) > 0;
    return !databaseLeft && !cacheLeft && !sessionLeft;
  }

  close(): void {
    for (const connection of this.connections.values()) void connection.then((db) => db.close());
    this.connections.clear();
  }

  private db(scope: Scope): Promise<IDBPDatabase> {
    const open = this.connections.get(scope);
    if (open) return open;
    const connection = openDB(this.names[scope], 1, {
      upgrade(db) {
        db.createObjectStore(ENTRIES);
        if (scope === 'citizen') db.createObjectStore(OUTBOX, { keyPath: 'id', autoIncrement: true });
      },
      // Let a wipe from another tab (or this one) go ahead instead of waiting for us. This tab's
      // replay stops too: going on, it would open the citizen's database again to write its entry
      // back, and the next citizen would find it.
      blocking: () => {
        if (scope === 'citizen') this.outbox.cancel();
        void connection.then((db) => db.close());
        if (this.connections.get(scope) === connection) this.connections.delete(scope);
      },
    });
    this.connections.set(scope, connection);
    return connection;
  }

  private scope(scope: Scope): KeyValueScope {
    return {
      get: async <T>(key: string) => (await (await this.db(scope)).get(ENTRIES, key)) as T | undefined,
      set: async (key, value) => {
        await (await this.db(scope)).put(ENTRIES, value, key);
      },
      delete: async (key) => (await this.db(scope)).delete(ENTRIES, key),
      keys: async () => (await (await this.db(scope)).getAllKeys(ENTRIES)).map(String),
    };
  }
}
