// A 5xx is logged without the database's words: PostgreSQL's "Failing row contains (...)" and a
// trigger's message quote what the citizen sent (names, emails). The log says the error's code, the
// constraint and the operation, which is what an operator needs to find the cause.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import {
  skipUnless,
  startTestGateway,
  type DatabaseKind,
  type TestGateway,
} from '../../../test/support/gateway.js';

const PERSONAL = 'Sono Giulia Bianchi, giulia.bianchi@example.it';

/** Makes every new feedback fail in the database, with an error that quotes the row. */
const BREAK_FEEDBACK: Record<DatabaseKind, string[]> = {
  // A real constraint: PostgreSQL's detail is "Failing row contains (<id>, cie, 2, ..., <comment>)".
  postgres: ['ALTER TABLE feedback ADD CONSTRAINT feedback_refused CHECK (comment IS NULL) NOT VALID'],
  // SQLite cannot add a constraint to a table: a trigger whose message quotes the row instead.
  sqlite: [
    `CREATE TRIGGER feedback_refused BEFORE INSERT ON feedback
     BEGIN SELECT RAISE(ABORT, 'Failing row contains (' || NEW.comment || ')'); END`,
  ],
};

for (const kind of ['sqlite', 'postgres'] as DatabaseKind[]) {
  describe(`gateway 5xx log on ${kind}`, { skip: skipUnless(kind) }, () => {
    let gateway: TestGateway;
    let logs = '';
    before(async () => {
      const logStream = new Writable({
        write(chunk, _encoding, done) {
          logs += chunk;
          done();
        },
      });
      gateway = await startTestGateway(kind, { logLevel: 'info' }, { logStream });
    });
    after(() => gateway?.close());

    it('says the error code, constraint and operation, never the row', async () => {
      for (const statement of BREAK_FEEDBACK[kind]) {
        await sql.raw(statement).execute(gateway.gateway.database.db);
      }
      const response = await fetch(`${gateway.url}/api/feedback`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ service: 'cie', rating: 2, comment: PERSONAL }),
      });
      assert.equal(response.status, 500);
      assert.equal((await response.json()).code, 'internal-error');

      const failure = logs
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
        .find((entry) => entry.msg === 'request failed');
      assert.ok(failure, logs);
      assert.equal(failure.operation, 'createFeedback');
      assert.equal(failure.level, 50, 'an error');
      if (kind === 'postgres') {
        assert.equal(failure.error.code, '23514', 'check_violation');
        assert.equal(failure.error.constraint, 'feedback_refused');
      } else {
        assert.equal(failure.error.code, 'SQLITE_CONSTRAINT_TRIGGER');
      }
      assert.ok(failure.error.at.length > 0, 'where it was thrown');
      for (const secret of ['Giulia', 'Bianchi', 'giulia.bianchi@example.it', 'Failing row']) {
        assert.ok(!logs.includes(secret), `the log contains ${secret}:\n${logs}`);
      }
    });
  });
}
