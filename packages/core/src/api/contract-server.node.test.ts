import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { problem } from './contract.js';
import { checkSchema } from './contract-schemas.js';
import {
  handleContractRequest,
  type ContractImplementation,
  type ContractRequest,
} from './contract-server.js';

const request = (overrides: Partial<ContractRequest>): ContractRequest => ({
  method: 'GET',
  pathname: '/api/health',
  query: {},
  headers: {},
  body: undefined,
  ...overrides,
});

function implementation(
  handlers: ContractImplementation['handlers'],
  violations: string[] = [],
): ContractImplementation {
  return {
    handlers,
    checkResponse: checkSchema,
    authenticate: async () => ({ problem: problem(401, 'unauthorized') }),
    idempotent: (_record, write) => write(),
    onContractViolation: (operation, status, problems) =>
      violations.push(`${operation.id} ${status} ${problems}`),
  };
}

describe('handleContractRequest', () => {
  it('turns an answer that breaks the contract into a 500 and reports it, never sending it', async () => {
    const violations: string[] = [];
    const answer = await handleContractRequest(
      request({}),
      implementation(
        {
          getHealth: async () => ({
            status: 200,
            body: { status: 'ok', version: '1.0.0', database: 'oracle', migration: 'x' },
          }),
        },
        violations,
      ),
    );
    assert.equal(answer.status, 500);
    assert.equal((answer.body as { code: string }).code, 'internal-error');
    assert.deepEqual(violations, ['getHealth 200 database must be equal to one of the allowed values']);
  });

  it('refuses a status the contract does not list for the operation', async () => {
    const violations: string[] = [];
    const answer = await handleContractRequest(
      request({}),
      implementation({ getHealth: async () => ({ status: 418, body: {} }) }, violations),
    );
    assert.equal(answer.status, 500);
    assert.match(violations[0]!, /418 is not in the contract/);
  });

  it('rejects a body on an operation that takes none, and never calls the handler', async () => {
    let called = false;
    const answer = await handleContractRequest(
      request({ body: { unexpected: true } }),
      implementation({
        getHealth: async () => {
          called = true;
          return { status: 200, body: {} };
        },
      }),
    );
    assert.equal(answer.status, 400);
    assert.equal((answer.body as { field: string }).field, 'body');
    assert.equal(called, false);
  });

  it('rejects such a body unread, however deeply it is nested', async () => {
    const nested = JSON.parse('['.repeat(20_000) + ']'.repeat(20_000)) as unknown;
    const answer = await handleContractRequest(request({ body: nested }), implementation({}));
    assert.equal(answer.status, 400);
    assert.equal((answer.body as { errors: { code: string }[] }).errors[0]!.code, 'unexpected-body');
  });

  it('refuses control characters in any text, naming the field, on every database alike', async () => {
    let called = false;
    const answer = await handleContractRequest(
      request({
        method: 'POST',
        pathname: '/api/feedback',
        body: { service: 'cie', rating: 4, comment: 'ottimo\u0000servizio' },
      }),
      implementation({
        createFeedback: async () => {
          called = true;
          return { status: 201, body: {} };
        },
      }),
    );
    assert.equal(answer.status, 400);
    assert.deepEqual(
      (answer.body as { errors: { field: string; code: string }[] }).errors.map(({ field, code }) => ({
        field,
        code,
      })),
      [{ field: 'comment', code: 'control-character' }],
    );
    assert.equal(called, false);

    // Line breaks and tabs are text a citizen writes in a note.
    let written = '';
    await handleContractRequest(
      request({
        method: 'POST',
        pathname: '/api/feedback',
        body: { service: 'cie', rating: 4, comment: 'a\n\tb' },
      }),
      implementation({
        createFeedback: async ({ body }) => {
          written = (body as { comment: string }).comment;
          return { status: 201, body: {} };
        },
      }),
    );
    assert.equal(written, 'a\n\tb');
  });

  it('asks for a citizen before running an operation that needs one', async () => {
    const answer = await handleContractRequest(request({ pathname: '/api/me' }), implementation({}));
    assert.equal(answer.status, 401);
    assert.equal(answer.headers?.['WWW-Authenticate'], 'Bearer');
    assert.equal(answer.operationId, 'getCitizen');
  });
});
