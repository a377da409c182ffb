import { readFileSync } from 'node:fs';
import { checkSchema, type Schemas } from '@sportello/core/contract';
import { now as clockNow } from '@sportello/core/node';
import {
  demoBookingServices,
  demoCatalogue,
  demoFamilies,
  demoMunicipality,
  demoNotices,
} from '@sportello/demo-data';
import { sql } from 'kysely';
import type { Database } from './database.js';
import { seedDemoKiosk } from './kiosks.js';
import { insertNotice } from './payments.js';

/** The advisory lock seeding takes on PostgreSQL (a key of its own: booking's locks hash others). */
const SEED_LOCK = 'sportello:seed';

/** Throws unless `value` follows the contract's `schema`; the error names the file and the fields. */
function assertSchema(value: unknown, schema: string, file: string, what: string): void {
  const problems = checkSchema(schema, value);
  if (problems.length > 0) {
    throw new Error(
      `${file} is not a valid ${what}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
    );
  }
}

/** A JSON file checked against one of the contract's schemas. */
function readChecked<T>(file: string, schema: string, what: string): T {
  const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
  assertSchema(value, schema, file, what);
  return value as T;
}

/**
 * The payment catalogue to seed: the configured file, the demo one in demo mode, or none. The file
 * is checked against the contract, and for what the contract's schema cannot say: a fixed amount
 * has its cents, an entered amount's limits are the right way round.
 */
export function paymentCatalogue(file: string | undefined, demo: boolean): Schemas['CatalogueItem'][] {
  if (!file) return demo ? demoCatalogue : [];
  const { items } = readChecked<Schemas['PaymentCatalogue']>(file, 'PaymentCatalogue', 'payment catalogue');
  for (const [index, { amount }] of items.entries()) {
    const wrong =
      amount.kind === 'fixed'
        ? amount.cents === undefined && 'amount.cents is required for a fixed amount'
        : amount.minCents !== undefined &&
          amount.maxCents !== undefined &&
          amount.minCents > amount.maxCents &&
          'amount.minCents is more than amount.maxCents';
    if (wrong) throw new Error(`${file} is not a valid payment catalogue: items.${index}.${wrong}`);
  }
  return items;
}

/** The municipality to seed: the configured profile file, checked against the contract, or the demo one. */
export function municipalityProfile(file: string | undefined): Schemas['Municipality'] {
  return file
    ? readChecked<Schemas['Municipality']>(file, 'Municipality', 'municipality profile')
    : demoMunicipality;
}

/**
 * The bookable services to seed: the configured file, checked against the contract and against the
 * municipality's offices; the demo ones for the demo town; else none.
 */
export function bookingServices(
  file: string | undefined,
  municipality: Schemas['Municipality'],
): Schemas['BookingService'][] {
  if (!file) return municipality === demoMunicipality ? demoBookingServices : [];
  const { services } = JSON.parse(readFileSync(file, 'utf8')) as { services?: unknown };
  // The contract has no schema for the file alone: check it as the catalogue it will be served in.
  const catalogue = { services, offices: municipality.offices, holdMinutes: 1, horizonDays: 1 };
  assertSchema(catalogue, 'BookingCatalogue', file, 'list of booking services');
  const checked = services as Schemas['BookingService'][];
  const officeIds = new Set(municipality.offices.map((office) => office.id));
  for (const [index, service] of checked.entries()) {
    const unknown = service.officeIds.find((id) => !officeIds.has(id));
    if (unknown) throw new Error(`${file}: services.${index}.officeIds names an unknown office, ${unknown}`);
  }
  return checked;
}

/**
 * Fills an empty database: the municipality, and in demo mode (the demo sign-in on) the demo
 * registry families and notices. Runs at every start and does nothing when the data is there.
 *
 * Several gateways may start at once on one PostgreSQL database (N instances behind a proxy): each
 * reads what is there, then writes what is missing, so two reading an empty database would both
 * write, and one would exit on a duplicate key. The transaction begins by taking an advisory lock
 * that only seeding takes: the next gateway waits for it until the first has committed, and its own
 * reads (each statement sees what was committed before it began, PostgreSQL's default isolation)
 * then find the data there. SQLite has one writer at a time and, in one file, one gateway.
 */
export async function seed(
  database: Database,
  options: {
    municipality: Schemas['Municipality'];
    catalogue: Schemas['CatalogueItem'][];
    bookingServices: Schemas['BookingService'][];
    demo: boolean;
    /** The time the demo kiosk is registered at: the gateway's clock (default core's). */
    now?: number;
  },
) {
  await database.transaction(async () => {
    const db = database.current();
    if (database.kind === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtextextended(${SEED_LOCK}, 0))`.execute(db);
    }
    const existing = await db.selectFrom('municipality').select('id').executeTakeFirst();
    if (!existing) {
      const m = options.municipality;
      await db
        .insertInto('municipality')
        .values({
          id: 'main',
          name: m.name,
          creditor_fiscal_code: m.creditorFiscalCode,
          patron_saint_name: m.patronSaint?.name ?? null,
          patron_saint_date: m.patronSaint?.date ?? null,
          logo: m.logo ?? null,
        })
        .execute();
      for (const [position, office] of m.offices.entries()) {
        await db
          .insertInto('offices')
          .values({
            id: office.id,
            position,
            name: office.name,
            street: office.address.street,
            postal_code: office.address.postalCode,
            city: office.address.city,
            phone: office.phone ?? null,
            email: office.email ?? null,
            counters: office.counters,
          })
          .execute();
        for (const [hoursPosition, hours] of office.openingHours.entries()) {
          await db
            .insertInto('opening_hours')
            .values({ office_id: office.id, position: hoursPosition, ...hours })
            .execute();
        }
      }
      for (const [position, service] of m.services.entries()) {
        await db.insertInto('services').values({ id: service.id, position, name: service.name }).execute();
        for (const [officePosition, officeId] of service.officeIds.entries()) {
          await db
            .insertInto('service_offices')
            .values({ service_id: service.id, office_id: officeId, position: officePosition })
            .execute();
        }
      }
    }
    // The logo came with migration 0014: a database from before it gets the profile's now.
    if (existing && options.municipality.logo) {
      await db
        .updateTable('municipality')
        .set({ logo: options.municipality.logo })
        .where('name', '=', options.municipality.name)
        .where('logo', 'is', null)
        .execute();
    }
    // Booking came with migration 0005: a database from before it gets its closures and services now.
    const anyBookable = await db.selectFrom('booking_services').select('id').executeTakeFirst();
    const anyClosure = await db.selectFrom('office_closures').select('office_id').executeTakeFirst();
    if (!anyBookable && !anyClosure) {
      const offices = new Set((await db.selectFrom('offices').select('id').execute()).map((row) => row.id));
      for (const office of options.municipality.offices) {
        if (!offices.has(office.id)) continue;
        for (const [position, closure] of (office.closures ?? []).entries()) {
          await db
            .insertInto('office_closures')
            .values({ office_id: office.id, position, from_date: closure.from, to_date: closure.to })
            .execute();
        }
      }
      for (const [position, service] of options.bookingServices.entries()) {
        const { officeIds, ...definition } = service;
        await db
          .insertInto('booking_services')
          .values({ id: service.id, position, definition: JSON.stringify(definition) })
          .execute();
        // An office of a profile that was not seeded (the database kept an older one) is left out.
        for (const [officePosition, officeId] of officeIds.filter((id) => offices.has(id)).entries()) {
          await db
            .insertInto('booking_service_offices')
            .values({ service_id: service.id, office_id: officeId, position: officePosition })
            .execute();
        }
      }
    }
    const anyItem = await db.selectFrom('catalogue_items').select('id').executeTakeFirst();
    if (!anyItem) {
      for (const [position, item] of options.catalogue.entries()) {
        await db
          .insertInto('catalogue_items')
          .values({ id: item.id, position, definition: JSON.stringify(item) })
          .execute();
      }
    }
    await seedDemoKiosk(database, options.demo, options.now ?? clockNow());
    if (options.demo) {
      const anyNotice = await db.selectFrom('notices').select('notice_number').executeTakeFirst();
      if (!anyNotice) {
        for (const { state, ...notice } of demoNotices) await insertNotice(db, notice, state);
      } else {
        // Visitors pay their own copies of the demo notices (payments.ts), which leave these rows
        // alone; a database from before that may have one paid or locked for everyone.
        for (const notice of demoNotices) {
          await db
            .updateTable('notices')
            .set({ state: notice.state, payment_id: null })
            .where('creditor_fiscal_code', '=', notice.creditorFiscalCode)
            .where('notice_number', '=', notice.noticeNumber)
            .execute();
        }
      }
      const anyCitizen = await db.selectFrom('citizens').select('fiscal_code').executeTakeFirst();
      if (!anyCitizen) {
        for (const family of demoFamilies) {
          for (const [position, member] of family.members.entries()) {
            await db
              .insertInto('citizens')
              .values({
                fiscal_code: member.fiscalCode,
                family_id: family.id,
                position,
                given_name: member.givenName,
                family_name: member.familyName,
                birth_date: member.birthDate,
                relationship: member.relationship,
              })
              .execute();
          }
        }
      }
    }
  });
}
