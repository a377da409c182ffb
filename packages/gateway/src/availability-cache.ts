// A cache of the public month availability (`getBookingAvailability`), per service, office and
// month, that never answers what the database would not answer now, on any instance.
//
// What an answer depends on, and what keeps a cached one right:
// - the places taken at the office (every service at an office shares its minutes): every change of
//   them bumps the office's version, a row of `counters` (`availability:<office>`), in the same
//   transaction, at its end (`availabilityChanged`). A request reads the version first, with one
//   primary-key read, and uses a cached answer only when it was computed at that version. The version
//   is read before the places are, so an answer is never filed under a version newer than its data;
//   the other way round costs a recomputation, never a wrong answer. PostgreSQL: the version row is
//   locked from the bump to the commit, so versions go up in commit order. Every instance reads the
//   same row: a write on one is seen by the next request on all.
// - the time: which slots are inside the two-hour lead time and the horizon, and which day is today
//   in Rome. Slots start on whole minutes, and midnight in Rome is one, so all of that can change only
//   as a whole minute passes: an answer is kept within the minute it was computed in, never across
//   (nor when computed on the whole minute itself, which belongs to both sides).
// - holds that expire: their places come back at their expiry, without a write (the next request
//   writes it). An answer is kept only until the earliest expiry among the holds live when it was
//   computed; a hold made after it bumps the version anyway.
// The offices, services, hours and closures are seeded and read once at start (seeded.ts).
// Compression: an answer is serialised once, and compressed once per encoding when first asked for.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Database } from './database.js';

const MINUTE_MS = 60_000;
/** The prefix of an office's row in `counters`. */
const VERSION_PREFIX = 'availability:';

/**
 * Records that the places taken at `officeId` changed: its version goes up at the end of the current
 * transaction (at once outside one). Call it wherever places are claimed or given back. Bumped last
 * and in office order (Database.beforeCommit), so the version rows never take part in a deadlock.
 */
export function availabilityChanged(database: Database, officeId: string): Promise<void> {
  const name = `${VERSION_PREFIX}${officeId}`;
  return database.beforeCommit(name, async () => {
    await database
      .current()
      .insertInto('counters')
      .values({ name, value: 1 })
      .onConflict((conflict) =>
        conflict.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })),
      )
      .execute();
  });
}

/** The office's availability version: 0 before its first change. One primary-key read. */
export async function availabilityVersion(database: Database, officeId: string): Promise<number> {
  const row = await database
    .current()
    .selectFrom('counters')
    .select('value')
    .where('name', '=', `${VERSION_PREFIX}${officeId}`)
    .executeTakeFirst();
  return Number(row?.value ?? 0);
}

/** When the first hold live now will expire (any office: cheaper, through the index of live holds). */
export async function nextHoldExpiry(database: Database, now: number): Promise<number> {
  const row = await database
    .current()
    .selectFrom('booking_holds')
    .select((eb) => eb.fn.min('expires_at_ms').as('next'))
    .where('state', '=', 'held')
    .where('expires_at_ms', '>', now)
    .executeTakeFirst();
  return row?.next === null || row?.next === undefined ? Infinity : Number(row.next);
}

export type Encoding = 'br' | 'gzip';

/** The encoding to send for an Accept-Encoding header: brotli, else gzip, else none. */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const weight = (encoding: Encoding) => accepted.get(encoding) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return undefined;
}

/** A cached answer: its body, its JSON, and each encoding of the JSON once it was asked for. */
export interface CachedAvailability<Body> {
  body: Body;
  json: string;
  /** The JSON compressed with `encoding`, compressed the first time only. */
  encoded(encoding: Encoding): Buffer;
}

interface Entry<Body> {
  version: number;
  /** The whole minute the answer was computed in. */
  minute: number;
  /** Kept until then (exclusive): the first expiry of a hold live at the time. */
  expiresAtMs: number;
  answer: CachedAvailability<Body>;
}

/** Cached answers by their body: how the reply finds the bytes already made for a handler's body. */
const answersByBody = new WeakMap<object, CachedAvailability<unknown>>();

/**
 * The cached answer whose body this is (the very object the handler returned), if any: the reply
 * then sends its JSON and its compressed bytes as they are, instead of serialising and compressing
 * the body again.
 */
export function cachedAnswerOf(body: unknown): CachedAvailability<unknown> | undefined {
  return typeof body === 'object' && body !== null ? answersByBody.get(body) : undefined;
}

function cachedAnswer<Body>(body: Body): CachedAvailability<Body> {
  const json = JSON.stringify(body);
  const encodings = new Map<Encoding, Buffer>();
  const answer: CachedAvailability<Body> = {
    body,
    json,
    encoded(encoding) {
      let bytes = encodings.get(encoding);
      if (!bytes) {
        bytes =
          encoding === 'br'
            ? brotliCompressSync(json, {
                params: {
                  [constants.BROTLI_PARAM_QUALITY]: 5,
                  [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                },
              })
            : gzipSync(json, { level: 6 });
        encodings.set(encoding, bytes);
      }
      return bytes;
    },
  };
  if (typeof body === 'object' && body !== null) answersByBody.set(body, answer);
  return answer;
}

/** Whether `now` is inside a minute, not on its first millisecond (which starts it and ends the last). */
const minuteOf = (now: number) => (now % MINUTE_MS === 0 ? undefined : Math.floor(now / MINUTE_MS));

export interface AvailabilityCacheOptions {
  /** The clock (config.now). */
  now: () => number;
  /** Answers kept at most; the oldest used goes first. Default 1,000 (a few MB). */
  maxEntries?: number;
}

/**
 * The cache itself, one per gateway. `answer(key, compute)` gives the cached answer when it is still
 * right, else computes, files and gives a new one. `compute(now)` answers for that moment (the
 * handler's own work: release expired holds, read the places, lay out the month), reading the places
 * only after it is called.
 */
export function availabilityCache<Body>(database: Database, options: AvailabilityCacheOptions) {
  const maxEntries = options.maxEntries ?? 1_000;
  // A Map keeps insertion order: re-inserting on use makes the first key the least recently used.
  const entries = new Map<string, Entry<Body>>();
  let hits = 0;
  let misses = 0;

  function usable(entry: Entry<Body> | undefined, version: number, now: number): entry is Entry<Body> {
    return (
      entry !== undefined &&
      entry.version === version &&
      entry.minute === minuteOf(now) &&
      now < entry.expiresAtMs
    );
  }

  return {
    async answer(
      key: { service: string; office: string; month: string },
      compute: (now: number) => Promise<Body>,
    ): Promise<CachedAvailability<Body>> {
      const id = `${key.service}\u0000${key.office}\u0000${key.month}`;
      const now = options.now();
      const version = await availabilityVersion(database, key.office);
      const entry = entries.get(id);
      if (usable(entry, version, now)) {
        hits++;
        entries.delete(id);
        entries.set(id, entry);
        return entry.answer;
      }
      misses++;
      const body = await compute(now);
      const answer = cachedAnswer(body);
      const minute = minuteOf(now);
      if (minute !== undefined) {
        const fresh: Entry<Body> = {
          version,
          minute,
          expiresAtMs: await nextHoldExpiry(database, now),
          answer,
        };
        const current = entries.get(id);
        // A slower request computed at an older version does not replace a newer answer.
        if (!current || current.version <= version) {
          entries.delete(id);
          entries.set(id, fresh);
          if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
        }
      }
      return answer;
    },
    /** Counts, for tests and the bench. */
    stats: () => ({ hits, misses, entries: entries.size }),
    clear: () => entries.clear(),
  };
}

export type AvailabilityCache<Body> = ReturnType<typeof availabilityCache<Body>>;
