import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, NetworkError } from '../api/client.js';
import { problem } from '../api/contract.js';
import { LatestRequest } from './latest-request.js';
import { genericProblem } from './problems.js';
import { WriteAttempt } from './write-attempt.js';

const refused = new ApiError(problem(409, 'slot-unavailable'));
const notNow = new ApiError({ ...problem(503, 'internal-error'), retryAfterSeconds: 5 });
const noAnswer = new NetworkError('timeout');

describe('WriteAttempt', () => {
  it('sends a retry of the same request with the same key, and a new request with a new key', async () => {
    const attempt = new WriteAttempt<{ cart: string[] }>();
    const keys: string[] = [];
    const failing = (error: unknown) => async (key: string) => {
      keys.push(key);
      throw error;
    };
    await assert.rejects(attempt.send({ cart: ['a'] }, failing(noAnswer)));
    await assert.rejects(attempt.send({ cart: ['a'] }, failing(notNow)));
    assert.equal(keys[1], keys[0], 'no answer, then "not now": the same write, the same key');
    assert.equal(attempt.unanswered, true);
    await assert.rejects(attempt.send({ cart: ['a', 'b'] }, failing(noAnswer)));
    assert.notEqual(keys[2], keys[0], 'another cart is another write');
  });

  it('drops the key once the write is answered, or refused for good', async () => {
    const attempt = new WriteAttempt<string>();
    const keys: string[] = [];
    await attempt.send('hold-1', async (key) => keys.push(key));
    assert.equal(attempt.unanswered, false);
    await assert.rejects(
      attempt.send('hold-1', async (key) => {
        keys.push(key);
        throw refused;
      }),
    );
    assert.equal(attempt.unanswered, false, 'refused: nothing was done');
    await attempt.send('hold-1', async (key) => keys.push(key));
    assert.equal(new Set(keys).size, 3, 'each attempt after an answer takes a new key');
  });

  it('sends the unanswered write again with its key and request, or nothing when there is none', async () => {
    const attempt = new WriteAttempt<string>();
    assert.equal(await attempt.resend(async () => 'sent'), undefined);
    let first = '';
    await assert.rejects(
      attempt.send('body', async (key) => {
        first = key;
        throw noAnswer;
      }),
    );
    assert.deepEqual(await attempt.resend(async (key, body) => [key, body]), [first, 'body']);
    assert.equal(attempt.unanswered, false);
  });
});

describe('LatestRequest', () => {
  it('says only the newest request of its kind is the newest, and none after abandon()', () => {
    const days = new LatestRequest();
    const first = days.begin();
    const second = days.begin();
    assert.equal(first(), false);
    assert.equal(second(), true);
    days.abandon();
    assert.equal(second(), false);
  });
});

describe('genericProblem', () => {
  it('tells the failures every element meets apart', () => {
    assert.equal(genericProblem(new NetworkError('offline')).key, 'problem.offline');
    assert.equal(genericProblem(noAnswer).key, 'problem.noAnswer');
    assert.equal(genericProblem(new ApiError(problem(504, 'internal-error'))).key, 'problem.noAnswer');
    assert.deepEqual(
      genericProblem(new ApiError({ ...problem(429, 'rate-limited'), retryAfterSeconds: 150 })),
      {
        key: 'problem.rateLimited',
        minutes: 3,
      },
    );
    assert.equal(genericProblem(notNow).key, 'problem.notNow');
    assert.equal(genericProblem(new ApiError(problem(500, 'internal-error'))).key, 'problem.serverError');
    assert.equal(genericProblem(refused).key, 'problem.generic');
    assert.equal(genericProblem(new Error('?')).key, 'problem.generic');
  });
});

describe('the generic problems', () => {
  it('have every message in Italian and English', async () => {
    const { catalogueProblems } = await import('../i18n/catalogue.js');
    const { flowProblemMessages } = await import('./problems.js');
    assert.deepEqual(await catalogueProblems(flowProblemMessages), []);
  });
});
