// Kiosks in the reference gateway, on SQLite and PostgreSQL: a kiosk key works and a wrong or
// revoked one does not, only its hash is stored, the latest heartbeat is what the operators' list
// shows, stale after 15 minutes by the gateway's clock, the operator credential guards the list,
// the heartbeat refuses anything personal-looking or oversized, and the command line issues,
// lists and revokes keys.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { manualClock, type ManualClock } from '@sportello/core/node';
import { checkSchema, type Schemas } from '@sportello/core/contract';
import { DEMO_OPERATOR_TOKEN, demoKiosk } from '@sportello/demo-data';
import { skipUnless, startTestGateway, type TestGateway } from '../../../test/support/gateway.js';
import { ConfigError, loadConfig } from './config.js';
import { kioskKeyCommand } from './kiosk-key-command.js';

const NOW = '2026-11-23T09:00:00+01:00';
const HEARTBEAT: Schemas['KioskHeartbeat'] = {
  version: '0.1.0',
  serviceWorker: 'active',
  storageUsedBytes: 12_345_678,
  lastSelfCheck: { at: '2026-11-23T08:58:00+01:00', passed: true, failed: [] },
};

/** Runs `sportello-gateway kiosk-key ...` on the gateway's database; what it printed, and its exit code. */
async function command(gateway: TestGateway, clock: ManualClock, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await kioskKeyCommand(args, gateway.gateway.database, {
    now: clock.now,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`kiosks on ${kind}`, { skip: skipUnless(kind) }, () => {
    let gateway: TestGateway;
    let clock: ManualClock;
    before(async () => {
      clock = manualClock(NOW);
      gateway = await startTestGateway(kind, { now: clock.now });
    });
    after(() => gateway?.close());

    const call = (path: string, init: RequestInit = {}) => fetch(gateway.url + path, init);
    const heartbeat = (key: string | undefined, body: unknown = HEARTBEAT) =>
      call('/api/kiosks/heartbeat', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(key === undefined ? {} : { 'Sportello-Kiosk-Key': key }),
        },
        body: JSON.stringify(body),
      });
    const fleet = async (token = DEMO_OPERATOR_TOKEN) => {
      const response = await call('/api/kiosks', { headers: { 'Sportello-Operator-Token': token } });
      assert.equal(response.status, 200);
      const body = (await response.json()) as Schemas['KioskFleet'];
      assert.deepEqual(checkSchema('KioskFleet', body), []);
      return body;
    };
    const problemOf = async (response: Response, status: number) => {
      assert.equal(response.status, status);
      assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
      return (await response.json()) as Schemas['Problem'];
    };

    it('knows the demo kiosk by its published key, in demo mode', async () => {
      const me = await call('/api/kiosks/me', { headers: { 'Sportello-Kiosk-Key': demoKiosk.key } });
      assert.equal(me.status, 200);
      assert.deepEqual(await me.json(), {
        id: demoKiosk.id,
        name: demoKiosk.name,
        location: demoKiosk.location,
      });
    });

    it('refuses a missing or wrong kiosk key with 401, and records nothing', async () => {
      for (const key of [undefined, 'not-a-kiosk-key', `${demoKiosk.key}x`]) {
        const problem = await problemOf(await heartbeat(key), 401);
        assert.equal(problem.code, 'unauthorized');
        assert.match(problem.title, /kiosk key/);
      }
      const me = await problemOf(await call('/api/kiosks/me'), 401);
      assert.equal(me.code, 'unauthorized');
      const rows = await gateway.gateway.database.db.selectFrom('kiosk_heartbeats').selectAll().execute();
      assert.deepEqual(rows, []);
    });

    it('issues a key from the command line, stores only its hash, and lets it post heartbeats', async () => {
      const added = await command(
        gateway,
        clock,
        'add',
        '--name',
        'Sala lettura',
        '--location',
        'Via Roma 10',
      );
      assert.equal(added.code, 0, added.err);
      const key = /^\s+(kiosk_[A-Za-z0-9_-]{43})$/m.exec(added.out)?.[1];
      assert.ok(key, `a key is printed: ${added.out}`);
      const id = /Kiosk (k-[0-9a-z]{8}) registered/.exec(added.out)?.[1];
      assert.ok(id);

      const me = await call('/api/kiosks/me', { headers: { 'Sportello-Kiosk-Key': key } });
      assert.deepEqual(await me.json(), { id, name: 'Sala lettura', location: 'Via Roma 10' });
      const received = await heartbeat(key);
      assert.equal(received.status, 200);
      assert.deepEqual(await received.json(), {
        receivedAt: '2026-11-23T09:00:00+01:00',
        nextHeartbeatSeconds: 300,
      });

      // The key itself is nowhere in the database: only its SHA-256.
      const db = gateway.gateway.database.db;
      const tables = ['kiosks', 'kiosk_heartbeats', 'booking_hand_offs', 'idempotency_keys'] as const;
      for (const table of tables) {
        const rows = await db.selectFrom(table).selectAll().execute();
        assert.ok(!JSON.stringify(rows).includes(key), `${table} does not hold the key`);
      }
      const row = await db
        .selectFrom('kiosks')
        .select('key_hash')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(row.key_hash, createHash('sha256').update(key).digest('hex'));
      if (kind === 'sqlite') {
        // Nor in the file's bytes (the write-ahead log included).
        const files = readdirSync(gateway.config.dataDir).filter((name) =>
          name.startsWith('sportello.sqlite'),
        );
        for (const file of files) {
          assert.ok(
            !readFileSync(join(gateway.config.dataDir, file)).includes(key),
            `${file} does not hold it`,
          );
        }
      }

      const listed = await command(gateway, clock, 'list');
      assert.match(listed.out, new RegExp(`^${id}\\tSala lettura\\tVia Roma 10\\tadded .*\\tactive$`, 'm'));
      assert.ok(!listed.out.includes(key), 'list never shows a key');

      const revoked = await command(gateway, clock, 'revoke', id);
      assert.equal(revoked.code, 0);
      assert.equal((await problemOf(await heartbeat(key), 401)).code, 'unauthorized');
      assert.equal((await call('/api/kiosks/me', { headers: { 'Sportello-Kiosk-Key': key } })).status, 401);
      assert.match((await command(gateway, clock, 'list')).out, new RegExp(`^${id}\\t.*\\trevoked `, 'm'));
      assert.ok(!(await fleet()).kiosks.some((kiosk) => kiosk.id === id), 'revoked kiosks are not listed');
      const again = await command(gateway, clock, 'revoke', id);
      assert.equal(again.code, 1);
      assert.match(again.err, /No active kiosk/);
    });

    it('refuses a kiosk without a name or place, or with a name too long', async () => {
      assert.equal((await command(gateway, clock, 'add', '--name', 'Atrio')).code, 2);
      assert.equal((await command(gateway, clock, 'add', '--location', 'Atrio')).code, 2);
      const long = await command(gateway, clock, 'add', '--name', 'x'.repeat(81), '--location', 'Atrio');
      assert.equal(long.code, 2);
      assert.match(long.err, /at most 80/);
      assert.equal((await command(gateway, clock, 'remove')).code, 2);
    });

    it('keeps the latest heartbeat of each kiosk, and marks it stale after 15 minutes of silence', async () => {
      const added = await command(gateway, clock, 'add', '--name', 'Atrio', '--location', 'Municipio');
      const key = /^\s+(kiosk_\S+)$/m.exec(added.out)![1]!;
      const id = /Kiosk (\S+) registered/.exec(added.out)![1]!;
      const mine = async () => (await fleet()).kiosks.find((kiosk) => kiosk.id === id)!;

      const never = await mine();
      assert.equal(never.stale, true, 'a kiosk never heard from is stale');
      assert.equal(never.lastHeartbeat, undefined);

      await heartbeat(key, { ...HEARTBEAT, version: '0.1.0', serviceWorker: 'waiting' });
      clock.advance(5 * 60_000);
      const later = { version: '0.2.0-rc.1', serviceWorker: 'active', storageUsedBytes: 42 } as const;
      assert.equal((await heartbeat(key, later)).status, 200);
      const reported = await mine();
      assert.equal(reported.stale, false);
      assert.deepEqual(reported.lastHeartbeat, {
        receivedAt: '2026-11-23T09:05:00+01:00',
        version: '0.2.0-rc.1',
        serviceWorker: 'active',
        storageUsedBytes: 42,
      });
      const rows = await gateway.gateway.database.db
        .selectFrom('kiosk_heartbeats')
        .selectAll()
        .where('kiosk_id', '=', id)
        .execute();
      assert.equal(rows.length, 1, 'one row per kiosk: the latest');

      clock.advance(15 * 60_000);
      assert.equal((await mine()).stale, false, 'exactly 15 minutes: not yet');
      clock.advance(1000);
      assert.equal((await mine()).stale, true, 'over 15 minutes');
      await heartbeat(key);
      assert.equal((await mine()).stale, false, 'back once it reports');
    });

    it('lists the kiosks to the operator credential only', async () => {
      const attempts: Record<string, string>[] = [{}, { 'Sportello-Operator-Token': 'wrong-operator-token' }];
      for (const headers of attempts) {
        const problem = await problemOf(await call('/api/kiosks', { headers }), 401);
        assert.equal(problem.code, 'unauthorized');
        assert.match(problem.title, /operator credential/);
      }
      const { kiosks, staleAfterMinutes } = await fleet();
      assert.equal(staleAfterMinutes, 15);
      assert.ok(kiosks.some((kiosk) => kiosk.id === demoKiosk.id));
      assert.equal(
        (await call('/api/kiosks', { headers: { 'Sportello-Kiosk-Key': demoKiosk.key } })).status,
        401,
      );
    });

    it('refuses personal-looking, free or oversized fields in a heartbeat, naming them', async () => {
      const refused: [unknown, string][] = [
        [{ ...HEARTBEAT, version: 'Mario Rossi' }, 'version'],
        [{ ...HEARTBEAT, version: '1.0.0-RSSMRA50C15L219Y' }, 'version'],
        [{ ...HEARTBEAT, version: '1.0.0-' + 'a'.repeat(60) }, 'version'],
        [{ ...HEARTBEAT, serviceWorker: 'mario.rossi@example.it' }, 'serviceWorker'],
        [{ ...HEARTBEAT, storageUsedBytes: 1e15 }, 'storageUsedBytes'],
        [{ ...HEARTBEAT, storageUsedBytes: -1 }, 'storageUsedBytes'],
        [
          { ...HEARTBEAT, lastSelfCheck: { at: NOW, passed: false, failed: ['RSSMRA50C15L219Y'] } },
          'lastSelfCheck.failed.0',
        ],
        [
          { ...HEARTBEAT, lastSelfCheck: { at: NOW, passed: false, failed: ['IndexedDB mario-rossi'] } },
          'lastSelfCheck.failed.0',
        ],
        [
          { ...HEARTBEAT, lastSelfCheck: { at: NOW, passed: true, failed: [], note: 'Mario' } },
          'lastSelfCheck.note',
        ],
        [{ ...HEARTBEAT, citizen: 'RSSMRA50C15L219Y' }, 'citizen'],
        [{ ...HEARTBEAT, location: 'Via Roma 1' }, 'location'],
      ];
      for (const [body, field] of refused) {
        const problem = await problemOf(await heartbeat(demoKiosk.key, body), 400);
        assert.equal(problem.code, 'validation-failed');
        assert.ok(
          problem.errors?.some((error) => error.field === field),
          `${field}: ${JSON.stringify(problem.errors)}`,
        );
      }
      const failed = {
        ...HEARTBEAT,
        lastSelfCheck: { at: NOW, passed: false, failed: ['sessionStorage', 'indexedDB'] },
      };
      assert.equal((await heartbeat(demoKiosk.key, failed)).status, 200);
      const demo = (await fleet()).kiosks.find((kiosk) => kiosk.id === demoKiosk.id)!;
      assert.deepEqual(demo.lastHeartbeat?.lastSelfCheck, failed.lastSelfCheck);
    });

    // Last: it takes the demo kiosk away from this database.
    it('has no demo kiosk outside demo mode, even on a database that was a demo', async () => {
      // A second gateway on the same data, started without demo mode, as after a reconfiguration.
      const production = await startTestGateway(kind, {
        now: clock.now,
        demoLogin: false,
        paymentProvider: 'simulated',
        dataDir: gateway.config.dataDir,
        ...(gateway.config.databaseUrl ? { databaseUrl: gateway.config.databaseUrl } : {}),
      });
      try {
        const me = await fetch(`${production.url}/api/kiosks/me`, {
          headers: { 'Sportello-Kiosk-Key': demoKiosk.key },
        });
        assert.equal(me.status, 401);
        // No operator credential configured: the list is closed to everyone.
        const list = await fetch(`${production.url}/api/kiosks`, {
          headers: { 'Sportello-Operator-Token': DEMO_OPERATOR_TOKEN },
        });
        assert.equal(list.status, 401);
        assert.match(
          ((await list.json()) as Schemas['Problem']).detail ?? '',
          /No operator credential is configured/,
        );
      } finally {
        // Drops only what it made for itself (unused): the data it was given stays the first one's.
        await production.close();
      }
    });
  });
}

describe('the operator credential’s configuration', () => {
  it('defaults to the demo’s in demo mode only, and refuses the demo’s outside it', () => {
    assert.equal(loadConfig({ DEMO_LOGIN: 'true' }).operatorToken, DEMO_OPERATOR_TOKEN);
    assert.equal(loadConfig({ PAYMENT_PROVIDER: 'simulated' }).operatorToken, undefined);
    const own = 'a-credential-of-our-own-2026';
    assert.equal(loadConfig({ PAYMENT_PROVIDER: 'simulated', OPERATOR_TOKEN: own }).operatorToken, own);
    assert.equal(loadConfig({ DEMO_LOGIN: 'true', OPERATOR_TOKEN: own }).operatorToken, own);
    assert.throws(
      () => loadConfig({ PAYMENT_PROVIDER: 'simulated', OPERATOR_TOKEN: DEMO_OPERATOR_TOKEN }),
      (error: Error) => error instanceof ConfigError && /OPERATOR_TOKEN is the demo’s/.test(error.message),
    );
    assert.throws(
      () => loadConfig({ PAYMENT_PROVIDER: 'simulated', OPERATOR_TOKEN: 'short' }),
      /OPERATOR_TOKEN must be from 16 to 256 printable characters, no spaces, got "short"/,
    );
  });
});

describe('sportello-gateway kiosk-key, as a command', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sportello-kiosk-key-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  /** The real command line, as an operator runs it (from source). */
  const run = (...args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--conditions=source', '--import', 'tsx', 'packages/gateway/src/cli.ts', 'kiosk-key', ...args],
        // No PAYMENT_PROVIDER, no demo mode: issuing keys needs neither.
        { env: { PATH: process.env.PATH, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out, err }));
    });

  it('adds, lists and revokes a kiosk on the configured database, printing the key once', async () => {
    const added = await run('add', '--name', 'Biblioteca civica', '--location', 'Piazza Garibaldi 3');
    assert.equal(added.code, 0, added.err);
    const key = /^\s+(kiosk_\S+)$/m.exec(added.out)?.[1];
    const id = /Kiosk (\S+) registered/.exec(added.out)?.[1];
    assert.ok(key && id, added.out);
    const listed = await run('list');
    assert.equal(listed.code, 0, listed.err);
    assert.match(
      listed.out,
      new RegExp(`^${id}\\tBiblioteca civica\\tPiazza Garibaldi 3\\t.*\\tactive$`, 'm'),
    );
    assert.ok(!listed.out.includes(key));
    const revoked = await run('revoke', id);
    assert.equal(revoked.code, 0, revoked.err);
    assert.match(revoked.out, /revoked: its key no longer works/);
  });
});
