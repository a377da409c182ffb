// Several gateways on one PostgreSQL database, as behind a reverse proxy: they start together on a
// fresh database (migrations and seeding run once, whoever comes first), and the rules that keep
// places and payments right hold across them, because they are kept in the database.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { manualClock } from '@sportello/core/node';
import type { Schemas } from '@sportello/core/contract';
import { skipUnless, startTestGateways, type TestGatewayGroup } from '../../../test/support/gateway.js';

// Monday 23 November 2026, 09:00 in Rome.
const NOW = '2026-11-23T09:00:00+01:00';
// The demo town's registry office (4 counters) and its identity-card service.
const SERVICE = 'cie';
const OFFICE = 'anagrafe-centrale';
const DATE = '2026-11-25';
const INSTANCES = 3;

/** A citizen of their own for each attempt: the cap on live holds per client must not decide. */
const clientAddress = (index: number) => `198.51.100.${index + 1}`;

const json = (body: unknown, address: string): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
  body: JSON.stringify(body),
});

describe(`${INSTANCES} gateways on one PostgreSQL database`, { skip: skipUnless('postgres') }, () => {
  let group: TestGatewayGroup;
  /** The instance that serves attempt `index`: round robin, as a reverse proxy spreads them. */
  const instance = (index: number) => group.running[index % group.running.length]!;

  before(async () => {
    group = await startTestGateways(INSTANCES, {
      now: manualClock(NOW).now,
      demoLogin: true,
      // Behind the proxy: each client is the address it forwards.
      trustProxy: true,
    });
  });
  after(() => group?.close());

  it('all start at the same moment on a fresh database, which is migrated and seeded once', async () => {
    const refused = group.started.flatMap((result) =>
      result.status === 'rejected' ? [String(result.reason)] : [],
    );
    assert.deepEqual(refused, [], 'every instance started');
    const { db } = instance(0).gateway.database;
    assert.equal((await db.selectFrom('municipality').select('id').execute()).length, 1);
    const offices = await db.selectFrom('offices').select('id').execute();
    assert.equal(new Set(offices.map((row) => row.id)).size, offices.length);
    const healths = await Promise.all(
      group.running.map(async ({ url }) => (await fetch(`${url}/api/health`)).json()),
    );
    assert.equal(new Set(healths.map((health: { migration: string }) => health.migration)).size, 1);
  });

  it('50 concurrent hold-and-confirm attempts spread over the instances book exactly the slot’s places', async () => {
    const query = new URLSearchParams({ service: SERVICE, office: OFFICE, date: DATE });
    const { slots } = (await (
      await fetch(`${instance(0).url}/api/booking/slots?${query}`)
    ).json()) as Schemas['DaySlots'];
    const slot = slots.find((candidate) => candidate.freePlaces > 1)!;
    assert.ok(slot, 'a slot with places');
    const attempts = await Promise.all(
      Array.from({ length: 50 }, async (_, index) => {
        const address = clientAddress(index);
        const { url } = instance(index);
        const held = await fetch(
          `${url}/api/booking/holds`,
          json({ service: SERVICE, office: OFFICE, start: slot.start }, address),
        );
        if (held.status !== 201) return { hold: held.status, code: ((await held.json()) as Problem).code };
        const hold = (await held.json()) as Schemas['Hold'];
        // Confirmed through another instance than the one that held it.
        const confirmed = await fetch(
          `${instance(index + 1).url}/api/booking/appointments`,
          json(
            {
              holdId: hold.id,
              reason: 'scadenza',
              applicant: { givenName: 'Maria', familyName: 'Verdi', email: 'maria.verdi@example.it' },
              language: 'it',
            },
            address,
          ),
        );
        return { hold: 201, appointment: confirmed.status };
      }),
    );
    const booked = attempts.filter((attempt) => attempt.appointment === 201).length;
    assert.equal(booked, slot.freePlaces, JSON.stringify(attempts));
    const refused = attempts.filter((attempt) => attempt.hold === 409);
    assert.equal(refused.length, 50 - slot.freePlaces);
    assert.deepEqual(new Set(refused.map((attempt) => attempt.code)), new Set(['slot-unavailable']));
    const rows = await instance(0)
      .gateway.database.db.selectFrom('appointments')
      .select('reference')
      .where('start_ms', '=', Date.parse(slot.start))
      .execute();
    assert.equal(rows.length, slot.freePlaces);
    for (const { url } of group.running) {
      const { slots: now } = (await (
        await fetch(`${url}/api/booking/slots?${query}`)
      ).json()) as Schemas['DaySlots'];
      assert.equal(now.find((candidate) => candidate.start === slot.start)?.freePlaces ?? 0, 0);
    }
  });

  it('20 concurrent checkouts of one notice spread over the instances make exactly one payment', async () => {
    const made = await fetch(
      `${instance(0).url}/api/payments/catalogue/bollo-certificato/notices`,
      json({ fields: {} }, clientAddress(100)),
    );
    assert.equal(made.status, 201);
    const { creditorFiscalCode, noticeNumber } = (await made.json()) as Schemas['Notice'];
    const notice = { creditorFiscalCode, noticeNumber };
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        fetch(
          `${instance(index).url}/api/payments/checkouts`,
          json({ notices: [notice], returnUrl: `${instance(index).url}/` }, clientAddress(200 + index)),
        ),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    assert.deepEqual(statuses, [201, ...Array<number>(19).fill(409)]);
    const codes = await Promise.all(
      responses
        .filter((response) => response.status === 409)
        .map(async (response) => ((await response.json()) as Problem).code),
    );
    assert.deepEqual(new Set(codes), new Set(['payment-ongoing']));
    const payments = await instance(0)
      .gateway.database.db.selectFrom('payment_notices')
      .select('payment_id')
      .where('notice_number', '=', noticeNumber)
      .execute();
    assert.equal(payments.length, 1);
  });
});

interface Problem {
  code: string;
}
