import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { demoBookingServices, demoMunicipality } from '@sportello/demo-data';
import { Migrator, sql, type Migration } from 'kysely';
import pg from 'pg';
import { createPostgresDatabase, skipUnless, startTestGateway } from '../../../test/support/gateway.js';
import { openDatabase } from './database.js';
import { seed } from './seed.js';

describe('SQLite migrations', () => {
  it('leave nothing behind when a statement of one fails, so the next start can run it again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sportello-migrations-'));
    // The gateway's own SQLite database, as it opens it at start.
    const database = openDatabase({ dataDir });
    let fail = true;
    const migrations: Record<string, Migration> = {
      '0001-two-steps': {
        async up(trx) {
          await trx.schema.createTable('first_step').addColumn('id', 'text').execute();
          // A crash, a full disk: the second statement never lands.
          if (fail) throw new Error('interrupted');
          await trx.schema.createTable('second_step').addColumn('id', 'text').execute();
        },
      },
    };
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
    const tables = async () =>
      (
        await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name like '%_step'`.execute(database.db)
      ).rows.map((row) => row.name);
    try {
      assert.match(String((await migrator.migrateToLatest()).error), /interrupted/);
      assert.deepEqual(await tables(), [], 'the first table is gone with the failed migration');
      fail = false;
      assert.equal((await migrator.migrateToLatest()).error, undefined, 'runs again, whole');
      assert.deepEqual((await tables()).sort(), ['first_step', 'second_step']);
    } finally {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the SQLite database on disk', { skip: process.platform === 'win32' && 'POSIX file modes' }, () => {
  const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);

  it('is readable by the owner only, with its -wal and -shm files, after the gateway starts', async () => {
    const gateway = await startTestGateway('sqlite');
    try {
      // A write, so that the write-ahead log has something in it.
      const written = await fetch(`${gateway.url}/api/feedback`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ service: 'cie', rating: 4 }),
      });
      assert.equal(written.status, 201);
      const file = join(gateway.config.dataDir, 'sportello.sqlite');
      assert.deepEqual(
        [file, `${file}-wal`, `${file}-shm`].map(modeOf),
        ['600', '600', '600'],
        'database, -wal, -shm',
      );
      assert.equal(modeOf(gateway.config.dataDir), '700', 'the data folder it made');
    } finally {
      await gateway.close();
    }
  });

  it('narrows the files an earlier version left readable by others at the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sportello-modes-'));
    const file = join(dataDir, 'sportello.sqlite');
    try {
      const before = openDatabase({ dataDir });
      await before.migrate();
      for (const wide of [file, `${file}-wal`, `${file}-shm`]) chmodSync(wide, 0o644);
      const after = openDatabase({ dataDir });
      try {
        assert.deepEqual([file, `${file}-wal`, `${file}-shm`].map(modeOf), ['600', '600', '600']);
      } finally {
        await after.close();
        await before.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('seeding on PostgreSQL', { skip: skipUnless('postgres') }, () => {
  it('two gateways seeding one empty database at once write it once, and both start', async () => {
    const postgres = await createPostgresDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'sportello-seeding-'));
    const first = openDatabase({ databaseUrl: postgres.url, dataDir });
    const second = openDatabase({ databaseUrl: postgres.url, dataDir });
    const blocker = new pg.Client({ connectionString: postgres.url });
    try {
      await first.migrate();
      await second.migrate();
      // Holds every insert into the municipality table back (reads go on), so that both seeds are
      // sure to be under way together: each reads the database empty, unless seeding is serialised.
      await blocker.connect();
      await blocker.query('begin');
      await blocker.query('lock table municipality in share row exclusive mode');
      const options = {
        municipality: demoMunicipality,
        catalogue: [],
        bookingServices: demoBookingServices,
        demo: false,
      };
      const seeding = Promise.allSettled([seed(first, options), seed(second, options)]);
      // Both wait on a lock: at the insert (both, when each read the table empty), or one there and
      // the other at seeding's own lock.
      const waiting = async () =>
        Number(
          (
            await blocker.query(
              `select count(*) as count from pg_stat_activity
               where datname = current_database() and wait_event_type = 'Lock'`,
            )
          ).rows[0].count,
        );
      const deadline = Date.now() + 10_000;
      while ((await waiting()) < 2) assert.ok(Date.now() < deadline, 'both seeds wait on a lock');
      await blocker.query('commit');
      const results = await seeding;
      assert.deepEqual(
        results.map((result) => (result.status === 'rejected' ? String(result.reason) : 'seeded')),
        ['seeded', 'seeded'],
      );
      const { db } = first;
      assert.equal((await db.selectFrom('municipality').select('id').execute()).length, 1);
      assert.equal(
        (await db.selectFrom('offices').select('id').execute()).length,
        demoMunicipality.offices.length,
      );
      assert.equal(
        (await db.selectFrom('booking_services').select('id').execute()).length,
        demoBookingServices.length,
      );
    } finally {
      await blocker.end().catch(() => undefined);
      await first.close();
      await second.close();
      await postgres.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
