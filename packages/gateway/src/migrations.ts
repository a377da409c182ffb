import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';
import type { Tables } from './database.js';

// Versioned migrations, applied in name order at start. Never edit one that has shipped: add the next.
/** In order of their names; exported for the tests that upgrade a database from an earlier one. */
export const migrations: Record<string, Migration> = {
  '0001-initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('municipality')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('creditor_fiscal_code', 'text', (c) => c.notNull())
        .addColumn('patron_saint_name', 'text')
        .addColumn('patron_saint_date', 'text')
        .execute();
      await db.schema
        .createTable('offices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('street', 'text', (c) => c.notNull())
        .addColumn('postal_code', 'text', (c) => c.notNull())
        .addColumn('city', 'text', (c) => c.notNull())
        .addColumn('phone', 'text')
        .addColumn('email', 'text')
        .addColumn('counters', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('opening_hours')
        .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('weekday', 'integer', (c) => c.notNull())
        .addColumn('opens', 'text', (c) => c.notNull())
        .addColumn('closes', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('opening_hours_pk', ['office_id', 'position'])
        .execute();
      await db.schema
        .createTable('services')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('service_offices')
        .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
        .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('service_offices_pk', ['service_id', 'office_id'])
        .execute();
      await db.schema
        .createTable('citizens')
        .addColumn('fiscal_code', 'text', (c) => c.primaryKey())
        .addColumn('family_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('given_name', 'text', (c) => c.notNull())
        .addColumn('family_name', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'text', (c) => c.notNull())
        .addColumn('relationship', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('citizens_family').on('citizens').column('family_id').execute();
      await db.schema
        .createTable('feedback')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('rating', 'integer', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('feedback_service').on('feedback').column('service').execute();
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
        .execute();
    },
  },
  '0002-payments': {
    async up(db: Kysely<unknown>) {
      // Amounts are bigint: pagoPA takes up to 99,999,999,999 cents, past PostgreSQL's integer.
      await db.schema
        .createTable('notices')
        .addColumn('creditor_fiscal_code', 'text', (c) => c.notNull())
        .addColumn('notice_number', 'text', (c) => c.notNull())
        .addColumn('payee', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'bigint', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('payment_id', 'text')
        .addPrimaryKeyConstraint('notices_pk', ['creditor_fiscal_code', 'notice_number'])
        .execute();
      await db.schema
        .createTable('payments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('return_url', 'text', (c) => c.notNull())
        .addColumn('checkout_url', 'text', (c) => c.notNull())
        .addColumn('simulated', 'integer', (c) => c.notNull())
        .addColumn('receipt_number', 'text')
        .addColumn('paid_at', 'text')
        .execute();
      await db.schema
        .createTable('payment_notices')
        .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('creditor_fiscal_code', 'text', (c) => c.notNull())
        .addColumn('notice_number', 'text', (c) => c.notNull())
        .addColumn('payee', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'bigint', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('payment_notices_pk', ['payment_id', 'position'])
        .execute();
    },
  },
  '0003-payment-catalogue': {
    async up(db: Kysely<unknown>) {
      // Each item as the contract's CatalogueItem, in JSON: it is read whole and never queried into.
      await db.schema
        .createTable('catalogue_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('counters')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0004-notice-details': {
    async up(db: Kysely<unknown>) {
      // The municipality must know whose canteen account or which fine a created notice pays.
      await db.schema.alterTable('notices').addColumn('details', 'text').execute();
    },
  },
  '0005-booking': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('booking_services')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('booking_service_offices')
        .addColumn('service_id', 'text', (c) => c.notNull().references('booking_services.id'))
        .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('booking_service_offices_pk', ['service_id', 'office_id'])
        .execute();
      await db.schema
        .createTable('office_closures')
        .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('from_date', 'text', (c) => c.notNull())
        .addColumn('to_date', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('office_closures_pk', ['office_id', 'position'])
        .execute();
      // Instants as epoch milliseconds (bigint): one slot is one row whatever the offset it was written with.
      await db.schema
        .createTable('booking_slots')
        .addColumn('office_id', 'text', (c) => c.notNull())
        .addColumn('start_ms', 'bigint', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull())
        .addColumn('taken', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('booking_slots_pk', ['office_id', 'start_ms'])
        .addCheckConstraint('booking_slots_taken', sql`taken >= 0 and taken <= capacity`)
        .execute();
      await db.schema
        .createTable('booking_holds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('office_id', 'text', (c) => c.notNull())
        .addColumn('start_ms', 'bigint', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('booking_holds_live')
        .on('booking_holds')
        .columns(['state', 'expires_at_ms'])
        .execute();
      await db.schema
        .createTable('appointments')
        .addColumn('reference', 'text', (c) => c.primaryKey())
        .addColumn('manage_code_hash', 'text', (c) => c.notNull())
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('office_id', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('notes', 'text')
        .addColumn('given_name', 'text', (c) => c.notNull())
        .addColumn('family_name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('phone', 'text')
        .addColumn('fiscal_code', 'text')
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('start_ms', 'bigint', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('cancelled_at', 'text')
        .execute();
      await db.schema
        .createIndex('appointments_slot')
        .on('appointments')
        .columns(['office_id', 'start_ms'])
        .execute();
      await db.schema
        .createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('appointment_reference', 'text', (c) => c.notNull().references('appointments.reference'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('to_address', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('manage_code', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('claimed_at', 'text')
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema
        .createIndex('notifications_unsent')
        .on('notifications')
        .columns(['sent_at', 'created_at'])
        .execute();
      await db.schema
        .createTable('manage_code_failures')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('failed_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('manage_code_failures_key')
        .on('manage_code_failures')
        .columns(['key', 'failed_at_ms'])
        .execute();
    },
  },
  '0006-payments-pending': {
    async up(db: Kysely<unknown>) {
      // Every notice lookup and checkout first looks for payments left pending past pagoPA's lock.
      await db.schema
        .createIndex('payments_pending')
        .on('payments')
        .columns(['status', 'created_at'])
        .execute();
    },
  },
  '0007-notices-locked': {
    async up(db: Kysely<unknown>) {
      // Abandoned payments are found from the few notices they still lock: payments sent to pagoPA's
      // checkout link stay pending for good, and would make a search from payments grow forever.
      await db.schema.createIndex('notices_locked').on('notices').columns(['state', 'payment_id']).execute();
    },
  },
  '0008-unused-indexes': {
    async up(db: Kysely<unknown>) {
      // No query reads through these (abandoned payments are found from the notices they lock since
      // 0007; a slot counts its places in its own row): each only slowed every write.
      await db.schema.dropIndex('payments_pending').execute();
      await db.schema.dropIndex('appointments_slot').execute();
    },
  },
  '0009-booking-places-by-minute': {
    async up(db: Kysely<unknown>) {
      // A `booking_slots` row counted the places of one slot start, so services of different lengths
      // at one office were counted apart and together could pass its counters. From here on a row
      // counts one minute of an office's time (`start_ms` is the minute's start), and a booking
      // takes a place in every minute it covers. Rebuilt from what holds places: holds still `held`
      // (expired ones too: releasing them gives their minutes back) and confirmed appointments.
      // Minutes worked out here, not with core's minutesOf: what a migration does must not change
      // when shared code does.
      const minuteMs = 60_000;
      const data = db as Kysely<Tables>;
      const booked = [
        ...(await data
          .selectFrom('booking_holds')
          .select(['office_id', 'start_ms', 'ends_at'])
          .where('state', '=', 'held')
          .execute()),
        ...(await data
          .selectFrom('appointments')
          .select(['office_id', 'start_ms', 'ends_at'])
          .where('status', '=', 'confirmed')
          .execute()),
      ];
      // Each minute keeps the capacity its booking's slot row had: the counters when last claimed.
      const slotCapacity = new Map<string, number>();
      for (const row of await data.selectFrom('booking_slots').selectAll().execute()) {
        slotCapacity.set(`${row.office_id}\u0000${Number(row.start_ms)}`, Number(row.capacity));
      }
      const counters = new Map<string, number>();
      for (const row of await data.selectFrom('offices').select(['id', 'counters']).execute()) {
        counters.set(row.id, Number(row.counters));
      }
      const minutes = new Map<string, Tables['booking_slots']>();
      for (const row of booked) {
        const startMs = Number(row.start_ms);
        const capacity =
          slotCapacity.get(`${row.office_id}\u0000${startMs}`) ?? counters.get(row.office_id) ?? 0;
        const endMs = Date.parse(row.ends_at);
        for (let minute = Math.floor(startMs / minuteMs) * minuteMs; minute < endMs; minute += minuteMs) {
          const key = `${row.office_id}\u0000${minute}`;
          const counted = minutes.get(key);
          // Bookings made before this fix may already overlap beyond the counters: they are kept,
          // and their minutes stay full (capacity raised to what is taken) until enough are cancelled.
          const taken = (counted?.taken ?? 0) + 1;
          minutes.set(key, {
            office_id: row.office_id,
            start_ms: minute,
            capacity: Math.max(Number(counted?.capacity ?? 0), capacity, taken),
            taken,
          });
        }
      }
      await data.deleteFrom('booking_slots').execute();
      const rows = [...minutes.values()];
      // In batches: both databases limit the parameters of one statement.
      for (let first = 0; first < rows.length; first += 500) {
        await data
          .insertInto('booking_slots')
          .values(rows.slice(first, first + 500))
          .execute();
      }
    },
  },
  '0010-notifications-retry': {
    async up(db: Kysely<unknown>) {
      // A message that failed was retried at every round, and twenty of them filled the batch and
      // held newer ones back: each failure now puts the message off for a while (notifications.ts).
      await db.schema
        .alterTable('notifications')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('notifications').addColumn('retry_at', 'text').execute();
      await db.schema.alterTable('notifications').addColumn('failed_at', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      for (const column of ['attempts', 'retry_at', 'failed_at']) {
        await db.schema.alterTable('notifications').dropColumn(column).execute();
      }
    },
  },
  '0011-appointments-details-kept': {
    async up(db: Kysely<unknown>) {
      // Housekeeping looks hourly for past appointments whose details are still kept: without this
      // it read the whole table each time. Partial, so the erased ones (no email) drop out of it.
      await db.schema
        .createIndex('appointments_details_kept')
        .on('appointments')
        .column('start_ms')
        .where(sql.ref('email'), '<>', '')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('appointments_details_kept').execute();
    },
  },
  '0012-payments-demo-visitor': {
    async up(db: Kysely<unknown>) {
      // Demo mode: each visitor pays their own copy of a demo notice, found from their payments
      // (payments.ts), so one visitor's payment no longer uses the notice up for the next.
      await db.schema.alterTable('payments').addColumn('demo_visitor', 'text').execute();
      await db.schema.createIndex('payments_demo_visitor').on('payments').column('demo_visitor').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('payments_demo_visitor').execute();
      await db.schema.alterTable('payments').dropColumn('demo_visitor').execute();
    },
  },
  '0013-booking-clients': {
    async up(db: Kysely<unknown>) {
      // Limits per client (live holds, wrong manage codes) count clients by a keyed hash of their
      // address, never the address itself: HMAC-SHA-256 with this secret, made here at the first
      // start and the same for every instance on the database, so they count the same client alike.
      await db.schema
        .createTable('gateway_secrets')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db
        .insertInto('gateway_secrets' as never)
        .values({ name: 'client-key', value: randomBytes(32).toString('hex') } as never)
        .execute();
      // The client holding a hold, while it is held: blanked when it ends (booking.ts).
      await db.schema.alterTable('booking_holds').addColumn('client_key', 'text').execute();
      await db.schema
        .createIndex('booking_holds_client')
        .on('booking_holds')
        .columns(['client_key', 'expires_at_ms'])
        .where(sql.ref('client_key'), 'is not', null)
        .execute();
      // Wrong codes were counted per raw address and per reference: neither is counted any more,
      // and the addresses are personal data. Fifteen minutes' worth at most.
      await db.deleteFrom('manage_code_failures' as never).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('booking_holds_client').execute();
      await db.schema.alterTable('booking_holds').dropColumn('client_key').execute();
      await db.schema.dropTable('gateway_secrets').execute();
    },
  },
  '0014-kiosks': {
    async up(db: Kysely<unknown>) {
      // The municipality's coat of arms (a path the gateway serves, for the kiosk's policy).
      await db.schema.alterTable('municipality').addColumn('logo', 'text').execute();
      // A kiosk's key is never stored, only its SHA-256 (kiosks.ts says why no slow hash).
      await db.schema
        .createTable('kiosks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      // The latest heartbeat of each kiosk, and nothing older: one row per kiosk, overwritten.
      await db.schema
        .createTable('kiosk_heartbeats')
        .addColumn('kiosk_id', 'text', (c) => c.primaryKey().references('kiosks.id'))
        .addColumn('received_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('service_worker', 'text', (c) => c.notNull())
        .addColumn('storage_used_bytes', 'bigint', (c) => c.notNull())
        .addColumn('self_check', 'text')
        .execute();
      // Codes a kiosk gave for a held time, hashed, until a phone claims them or the hold ends.
      await db.schema
        .createTable('booking_hand_offs')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('hold_id', 'text', (c) => c.notNull())
        .addColumn('kiosk_id', 'text', (c) => c.notNull().references('kiosks.id'))
        .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('booking_hand_offs').execute();
      await db.schema.dropTable('kiosk_heartbeats').execute();
      await db.schema.dropTable('kiosks').execute();
      await db.schema.alterTable('municipality').dropColumn('logo').execute();
    },
  },
  '0015-certificates': {
    async up(db: Kysely<unknown>) {
      // A certificate request, and once issued its certificate (certificates.ts). What the PDF needs
      // is kept so that it can be rendered again at each download: the registry's answer about the
      // subject and their family when asked, the face and seal once issued. Issued once:
      // `certificate_id` is set by one guarded update (`where certificate_id is null`), and unique.
      await db.schema
        .createTable('certificate_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('citizen', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('use', 'text', (c) => c.notNull())
        .addColumn('exemption', 'text')
        .addColumn('exemption_reason', 'text')
        .addColumn('registry', 'text', (c) => c.notNull())
        .addColumn('stamp_cents', 'integer')
        .addColumn('notice_creditor', 'text')
        .addColumn('notice_number', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('certificate_id', 'text', (c) => c.unique())
        .addColumn('face', 'text')
        .addColumn('seal', 'text')
        .addColumn('issued_at', 'text')
        .addColumn('stamp_paid_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      // Download links, by the SHA-256 of their code: used once (`used_at_ms`), within
      // `expires_at_ms`; a self-declaration's data is kept in its link until it is downloaded.
      await db.schema
        .createTable('certificate_downloads')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('request_id', 'text', (c) => c.references('certificate_requests.id'))
        .addColumn('self_declaration', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('used_at_ms', 'bigint')
        .execute();
      // Online verifications per client (a keyed hash of the address), for the rate limit.
      await db.schema
        .createTable('certificate_verifications')
        .addColumn('client_key', 'text', (c) => c.notNull())
        .addColumn('verified_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('certificate_verifications_client')
        .on('certificate_verifications')
        .columns(['client_key', 'verified_at_ms'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('certificate_verifications').execute();
      await db.schema.dropTable('certificate_downloads').execute();
      await db.schema.dropTable('certificate_requests').execute();
    },
  },
};
