import { randomUUID } from 'node:crypto';
import {
  feedbackSummary,
  problem,
  type ContractResponse,
  type Handler,
  type Schemas,
} from '@sportello/core/contract';
import { VERSION } from '@sportello/core/node';
import type { Database } from './database.js';
import type { SeededData } from './seeded.js';

type FamilyMember = Schemas['FamilyMember'];

/** The contract's operations over the database. Writes go through `database.current()` so that
 * they join the Idempotency-Key transaction when there is one. */
export function databaseHandlers(
  database: Database,
  options: { now: () => number; migration: string; seeded: SeededData },
): Record<string, Handler> {
  const ok = (status: number, body: unknown): ContractResponse => ({ status, body });

  return {
    async getHealth() {
      return ok(200, {
        status: 'ok',
        version: VERSION,
        database: database.kind,
        migration: options.migration,
      } satisfies Schemas['Health']);
    },

    async getMunicipality() {
      return ok(200, options.seeded.municipality);
    },

    async getCitizen({ citizen }) {
      const db = database.current();
      const self = await db
        .selectFrom('citizens')
        .selectAll()
        .where('fiscal_code', '=', citizen!)
        .executeTakeFirst();
      if (!self)
        return ok(404, problem(404, 'not-found', { detail: 'This citizen is not in the registry.' }));
      const members = await db
        .selectFrom('citizens')
        .selectAll()
        .where('family_id', '=', self.family_id)
        .orderBy('position')
        .execute();
      const person = (row: typeof self) => ({
        fiscalCode: row.fiscal_code,
        givenName: row.given_name,
        familyName: row.family_name,
        birthDate: row.birth_date,
      });
      const body: Schemas['Citizen'] = {
        ...person(self),
        family: members.map((row) => ({
          ...person(row),
          relationship: row.relationship as FamilyMember['relationship'],
        })),
      };
      return ok(200, body);
    },

    async createFeedback({ body }) {
      const input = body as Schemas['FeedbackInput'];
      const receipt: Schemas['FeedbackReceipt'] = {
        id: randomUUID(),
        receivedAt: new Date(options.now()).toISOString(),
      };
      await database
        .current()
        .insertInto('feedback')
        .values({
          id: receipt.id,
          service: input.service,
          rating: input.rating,
          reasons: JSON.stringify(input.reasons ?? []),
          comment: input.comment ?? null,
          received_at: receipt.receivedAt,
        })
        .execute();
      return ok(201, receipt);
    },

    async getFeedbackSummary({ query }) {
      const rows = await database
        .current()
        .selectFrom('feedback')
        .select(['rating', (eb) => eb.fn.countAll().as('count')])
        .where('service', '=', query.service!)
        .groupBy('rating')
        .execute();
      const ratings = [0, 0, 0, 0, 0];
      for (const row of rows) ratings[Number(row.rating) - 1] = Number(row.count);
      return ok(200, feedbackSummary(query.service!, ratings));
    },
  };
}
