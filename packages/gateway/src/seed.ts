import { readFileSync } from 'node:fs';
import { check, type Schemas } from '@sportello/core/contract';
import { demoCatalogue, demoFamilies, demoMunicipality, demoNotices } from '@sportello/sandbox/demo-data';
import type { Database } from './database.js';
import { insertNotice } from './payments.js';

/** A JSON file checked against one of the contract's schemas; the error names the field. */
function readChecked<T>(file: string, schema: string, what: string): T {
  const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const problems = check(schema, value);
  if (problems.length > 0) {
    throw new Error(
      `${file} is not a valid ${what}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
    );
  }
  return value as T;
}

/** The payment catalogue to seed: the configured file, the demo one in demo mode, or none. */
export function paymentCatalogue(file: string | undefined, demo: boolean): Schemas['CatalogueItem'][] {
  if (file)
    return readChecked<Schemas['PaymentCatalogue']>(file, 'PaymentCatalogue', 'payment catalogue').items;
  return demo ? demoCatalogue : [];
}

/** The municipality to seed: the configured profile file, checked against the contract, or the demo one. */
export function municipalityProfile(file: string | undefined): Schemas['Municipality'] {
  return file
    ? readChecked<Schemas['Municipality']>(file, 'Municipality', 'municipality profile')
    : demoMunicipality;
}

/**
 * Fills an empty database: the municipality, and in demo mode (the demo sign-in on) the demo
 * registry families and notices. Runs at every start and does nothing when the data is there.
 */
export async function seed(
  database: Database,
  options: { municipality: Schemas['Municipality']; catalogue: Schemas['CatalogueItem'][]; demo: boolean },
) {
  await database.transaction(async () => {
    const db = database.current();
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
    const anyItem = await db.selectFrom('catalogue_items').select('id').executeTakeFirst();
    if (!anyItem) {
      for (const [position, item] of options.catalogue.entries()) {
        await db
          .insertInto('catalogue_items')
          .values({ id: item.id, position, definition: JSON.stringify(item) })
          .execute();
      }
    }
    if (options.demo) {
      const anyNotice = await db.selectFrom('notices').select('notice_number').executeTakeFirst();
      if (!anyNotice) {
        for (const { state, ...notice } of demoNotices) await insertNotice(db, notice, state);
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
