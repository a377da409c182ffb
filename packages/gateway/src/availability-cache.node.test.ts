// The availability cache: an answer is reused only while the database and the clock would give the
// same one, on any instance (a change made through another connection counts), and is compressed once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { manualClock } from '@sportello/core/node';
import { monthDays, mostPlacesTaken } from '@sportello/core/contract';
import { demoBookingServices, demoMunicipality } from '@sportello/demo-data';
import { createPostgresDatabase, skipUnless, type DatabaseKind } from '../../../test/support/gateway.js';
import {
  availabilityCache,
  availabilityChanged,
  availabilityVersion,
  cachedAnswerOf,
  preferredEncoding,
} from './availability-cache.js';
import { openDatabase, type Database } from './database.js';

const MINUTE_MS = 60_000;
// Monday 23 November 2026, 09:00:00.500 in Rome: inside a minute, not on its first millisecond.
const NOW = Date.parse('2026-11-23T09:00:00.500+01:00');
const KEY = { service: 'cie', office: 'anagrafe-centrale', month: '2026-12' };

/** Two connections to one database, as two instances have: SQLite's file, or PostgreSQL's. */
async function twoInstances(kind: DatabaseKind) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sportello-cache-'));
  const postgres = kind === 'postgres' ? await createPostgresDatabase() : undefined;
  const options = { dataDir, ...(postgres ? { databaseUrl: postgres.url } : {}) };
  const first = openDatabase(options);
  await first.migrate();
  const second = openDatabase(options);
  return {
    first,
    second,
    async close() {
      await first.close();
      await second.close();
      await postgres?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A hold row, as booking.ts writes one, live until `expiresAtMs`. */
async function insertHold(database: Database, id: string, expiresAtMs: number) {
  await database
    .current()
    .insertInto('booking_holds')
    .values({
      id,
      service_id: 'cie',
      office_id: 'anagrafe-centrale',
      start_ms: Date.parse('2026-12-01T09:00:00+01:00'),
      starts_at: '2026-12-01T09:00:00+01:00',
      ends_at: '2026-12-01T09:20:00+01:00',
      expires_at_ms: expiresAtMs,
      expires_at: new Date(expiresAtMs).toISOString(),
      state: 'held',
      created_at: new Date(NOW).toISOString(),
    })
    .execute();
}

for (const kind of ['sqlite', 'postgres'] as DatabaseKind[]) {
  describe(`the availability cache on ${kind}`, { skip: skipUnless(kind) }, () => {
    let instances: Awaited<ReturnType<typeof twoInstances>>;
    before(async () => {
      instances = await twoInstances(kind);
    });
    after(() => instances?.close());

    /** A cache on the first instance whose answers say how many times they were computed. */
    function counting() {
      const clock = manualClock(NOW);
      let computed = 0;
      const cache = availabilityCache<{ computed: number; at: number }>(instances.first, { now: clock.now });
      const answer = async () =>
        (await cache.answer(KEY, async (now) => ({ computed: ++computed, at: now }))).body.computed;
      return { clock, cache, answer };
    }

    it('answers from the cache while nothing changes, within the minute', async () => {
      const { clock, answer } = counting();
      assert.equal(await answer(), 1);
      clock.advance(30_000);
      assert.equal(await answer(), 1);
      assert.equal(await answer(), 1);
    });

    it('computes again after a change of places made by another instance, seen at once', async () => {
      const { answer } = counting();
      assert.equal(await answer(), 1);
      await instances.second.transaction(() => availabilityChanged(instances.second, KEY.office));
      assert.equal(await answer(), 2);
      assert.equal(await answer(), 2);
      // A change at another office leaves this one's answers alone.
      await instances.second.transaction(() => availabilityChanged(instances.second, 'urp'));
      assert.equal(await answer(), 2);
    });

    it('keeps the version when the transaction that changed places rolls back', async () => {
      const before = await availabilityVersion(instances.first, KEY.office);
      await assert.rejects(
        instances.second.transaction(async () => {
          await availabilityChanged(instances.second, KEY.office);
          throw new Error('refused');
        }),
      );
      assert.equal(await availabilityVersion(instances.first, KEY.office), before);
      await instances.second.transaction(async () => {
        // Twice in one transaction: one step up.
        await availabilityChanged(instances.second, KEY.office);
        await availabilityChanged(instances.second, KEY.office);
      });
      assert.equal(await availabilityVersion(instances.first, KEY.office), before + 1);
    });

    it('never keeps an answer into the next minute (the lead time and midnight move on whole minutes)', async () => {
      const { clock, answer } = counting();
      assert.equal(await answer(), 1);
      clock.set(Math.floor(NOW / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
      assert.equal(await answer(), 2, 'on the whole minute, which belongs to the next one too');
      assert.equal(await answer(), 3, 'an answer made on the whole minute is not kept');
      clock.advance(1);
      assert.equal(await answer(), 4);
      assert.equal(await answer(), 4);
      clock.set(NOW);
      assert.equal(await answer(), 5, 'nor when the clock goes back');
    });

    it('never keeps an answer past the first expiry of a hold live when it was made', async () => {
      const { clock, answer } = counting();
      const expiry = NOW + 20_000;
      await insertHold(instances.second, 'expiring', expiry);
      try {
        assert.equal(await answer(), 1);
        clock.set(expiry - 1);
        assert.equal(await answer(), 1);
        clock.set(expiry);
        assert.equal(await answer(), 2, 'the hold’s place is free again from its expiry');
      } finally {
        await instances.second.db.deleteFrom('booking_holds').where('id', '=', 'expiring').execute();
      }
    });

    it('bumps offices last and in one order, so concurrent writers in opposite orders never deadlock', async () => {
      const offices = ['anagrafe-centrale', 'urp'];
      const before = await Promise.all(offices.map((office) => availabilityVersion(instances.first, office)));
      await Promise.all(
        Array.from({ length: 20 }, (_, index) => {
          // SQLite: one gateway to a file (two connections in one process would block each other).
          const database = index % 2 && kind === 'postgres' ? instances.second : instances.first;
          const order = index % 2 ? offices : [...offices].reverse();
          return database.transaction(async () => {
            for (const office of order) await availabilityChanged(database, office);
          });
        }),
      );
      const after = await Promise.all(offices.map((office) => availabilityVersion(instances.first, office)));
      assert.deepEqual(
        after,
        before.map((version) => version + 20),
      );
    });
  });
}

describe('cached answers on the wire', () => {
  it('are compressed once per encoding, and decompress to the JSON', async () => {
    const database = openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'sportello-cache-')) });
    try {
      await database.migrate();
      const cache = availabilityCache<{ days: number[] }>(database, { now: () => NOW });
      const body = { days: Array.from({ length: 31 }, (_, day) => day) };
      const answer = await cache.answer(KEY, async () => body);
      const brotli = answer.encoded('br');
      assert.equal(answer.encoded('br'), brotli, 'the same bytes, not compressed again');
      assert.equal(brotliDecompressSync(brotli).toString(), JSON.stringify(body));
      assert.equal(gunzipSync(answer.encoded('gzip')).toString(), answer.json);
      assert.equal((await cache.answer(KEY, async () => ({ days: [] }))).encoded('br'), brotli);
      assert.equal(cachedAnswerOf(answer.body), answer, 'the reply finds the bytes from the body');
      assert.equal(cachedAnswerOf({ ...body }), undefined);
    } finally {
      await database.close();
    }
  });

  it('go in the encoding the client prefers among those it accepts', () => {
    assert.equal(preferredEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(preferredEncoding('gzip, br;q=0'), 'gzip');
    assert.equal(preferredEncoding('*'), 'br');
    assert.equal(preferredEncoding('identity'), undefined);
    assert.equal(preferredEncoding(undefined), undefined);
  });
});

describe('what the month availability depends on in time', () => {
  it('changes only as a whole minute passes: the lead time, today and the horizon move on minutes', () => {
    const office = demoMunicipality.offices.find((candidate) => candidate.id === KEY.office)!;
    const service = demoBookingServices.find((candidate) => candidate.id === KEY.service)!;
    const days = (now: number, month: string) =>
      JSON.stringify(
        monthDays(month, {
          office,
          durationMinutes: service.durationMinutes,
          now,
          taken: (startMs, endMs) => mostPlacesTaken(new Map(), startMs, endMs),
        }),
      );
    // Across a working day and its midnight, every minute: within it, the answer holds still.
    let changes = 0;
    const from = Date.parse('2026-11-23T06:00:00+01:00');
    for (let minute = from; minute < from + 20 * 60 * MINUTE_MS; minute += MINUTE_MS) {
      for (const month of ['2026-11', '2026-12']) {
        const first = days(minute + 1, month);
        assert.equal(days(minute + 30_000, month), first, new Date(minute).toISOString());
        assert.equal(days(minute + MINUTE_MS, month), first, 'the last millisecond of the minute');
        if (days(minute + MINUTE_MS + 1, month) !== first) changes++;
      }
    }
    assert.ok(changes > 10, 'the answer does move, minute by minute, as slots leave the lead time');
  });
});
