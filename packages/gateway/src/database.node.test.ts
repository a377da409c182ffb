import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Migrator, sql, type Migration } from 'kysely';
import { openDatabase } from './database.js';

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
