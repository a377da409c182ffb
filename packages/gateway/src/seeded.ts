import type { Schemas } from '@sportello/core/contract';
import type { Database } from './database.js';

/** What booking needs of the municipality. */
export interface BookingSetup {
  municipality: string;
  patronDay?: string;
  offices: Map<string, Schemas['Office']>;
  services: Map<string, Schemas['BookingService']>;
}

/**
 * The data `seed()` writes at start and nothing writes after: the municipality's profile, the
 * payment catalogue and what booking needs. Read once, after seeding, and handed to the handlers.
 */
export interface SeededData {
  /** The profile as `getMunicipality` answers it (offices with their hours and closures). */
  municipality: Schemas['Municipality'];
  /** The payment catalogue's items by id, in catalogue order. */
  catalogue: Map<string, Schemas['CatalogueItem']>;
  booking: BookingSetup;
}

/** Reads the seeded data: call it once, after `seed()`. */
export async function seededData(database: Database): Promise<SeededData> {
  const db = database.current();
  const [
    municipality,
    offices,
    hours,
    closures,
    services,
    serviceOffices,
    bookingServices,
    bookingServiceOffices,
    catalogue,
  ] = await Promise.all([
    db.selectFrom('municipality').selectAll().executeTakeFirstOrThrow(),
    db.selectFrom('offices').selectAll().orderBy('position').execute(),
    db.selectFrom('opening_hours').selectAll().orderBy('office_id').orderBy('position').execute(),
    db.selectFrom('office_closures').selectAll().orderBy('office_id').orderBy('position').execute(),
    db.selectFrom('services').selectAll().orderBy('position').execute(),
    db.selectFrom('service_offices').selectAll().orderBy('service_id').orderBy('position').execute(),
    db.selectFrom('booking_services').selectAll().orderBy('position').execute(),
    db.selectFrom('booking_service_offices').selectAll().orderBy('service_id').orderBy('position').execute(),
    db.selectFrom('catalogue_items').select(['id', 'definition']).orderBy('position').execute(),
  ]);

  const officeList: Schemas['Office'][] = offices.map((office) => {
    const closed = closures
      .filter((closure) => closure.office_id === office.id)
      .map((closure) => ({ from: closure.from_date, to: closure.to_date }));
    return {
      id: office.id,
      name: office.name,
      address: { street: office.street, postalCode: office.postal_code, city: office.city },
      ...(office.phone ? { phone: office.phone } : {}),
      ...(office.email ? { email: office.email } : {}),
      openingHours: hours
        .filter((h) => h.office_id === office.id)
        .map(({ weekday, opens, closes }) => ({ weekday: Number(weekday), opens, closes })),
      counters: Number(office.counters),
      ...(closed.length > 0 ? { closures: closed } : {}),
    };
  });

  return {
    municipality: {
      name: municipality.name,
      creditorFiscalCode: municipality.creditor_fiscal_code,
      ...(municipality.logo ? { logo: municipality.logo } : {}),
      ...(municipality.patron_saint_name && municipality.patron_saint_date
        ? { patronSaint: { name: municipality.patron_saint_name, date: municipality.patron_saint_date } }
        : {}),
      offices: officeList,
      services: services.map((service) => ({
        id: service.id,
        name: service.name,
        officeIds: serviceOffices
          .filter((link) => link.service_id === service.id)
          .map((link) => link.office_id),
      })),
    },
    catalogue: new Map(
      catalogue.map((row) => [row.id, JSON.parse(row.definition) as Schemas['CatalogueItem']]),
    ),
    booking: {
      municipality: municipality.name,
      ...(municipality.patron_saint_date ? { patronDay: municipality.patron_saint_date } : {}),
      offices: new Map(officeList.map((office) => [office.id, office])),
      services: new Map(
        bookingServices.map((row) => {
          const definition = JSON.parse(row.definition) as Omit<Schemas['BookingService'], 'officeIds'>;
          const officeIds = bookingServiceOffices
            .filter((link) => link.service_id === row.id)
            .map((link) => link.office_id);
          return [row.id, { ...definition, officeIds }];
        }),
      ),
    },
  };
}
