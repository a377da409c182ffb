import {
  feedbackSummary,
  handleContractRequest,
  idempotencyInProgress,
  idempotencyKeyReused,
  notYet,
  notFound,
  problem,
  type ContractImplementation,
  type ContractResponse,
  type IdempotencyRecord,
  type Schemas,
} from '@sportello/core/contract';
import { now as clockNow, randomUuid, VERSION } from '@sportello/core';
import { demoFamilies, demoMunicipality } from '@sportello/demo-data';
import { sandboxBooking } from './booking.js';
import { sandboxCertificates } from './certificates.js';
import { sandboxKiosks } from './kiosks.js';
import { sandboxPayments } from './payments.js';

export interface SandboxOptions {
  /** Epoch milliseconds; defaults to core's installed clock, so tutorials and tests can set time. */
  now?: () => number;
  /** How long a token from `signIn` lasts. Default 15 minutes, like the demo sign-in. */
  tokenLifetimeMs?: number;
  /**
   * Checks each answer against the contract (pass `checkSchema` from `@sportello/core/contract`):
   * the contract tests do. Left out in the page, where the validators would only add weight.
   */
  checkResponse?: ContractImplementation['checkResponse'];
}

export interface Sandbox {
  /** Answers API requests as a gateway would, without a network. */
  fetch: typeof fetch;
  /** Signs a demo citizen in and returns their bearer token (tutorial practice, tests). */
  signIn(fiscalCode: string): string;
}

interface StoredFeedback {
  service: string;
  rating: number;
}

const JSON_TYPE = /^application\/(.+\+)?json\b/i;

/**
 * The contract implemented in memory, with the demo municipality's data: for tutorials (practice
 * on the real widgets with nothing real at stake), demos without a server, and tests. Each call
 * to createSandbox starts a fresh town; nothing leaves the page.
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const now = options.now ?? clockNow;
  const tokenLifetimeMs = options.tokenLifetimeMs ?? 15 * 60_000;
  const tokens = new Map<string, { citizen: string; expiresAt: number }>();
  const feedback: StoredFeedback[] = [];
  const idempotency = new Map<string, { fingerprint: string; response?: ContractResponse }>();
  let nextFeedback = 1;
  const bookingFor = sandboxBooking(now);
  const payments = sandboxPayments(now);

  const handlers = {
    ...payments.handlers,
    ...sandboxCertificates(now, payments.notices),
    ...sandboxKiosks(now),
    getHealth: async () => ({
      status: 200,
      body: {
        status: 'ok',
        version: VERSION,
        database: 'sandbox',
        migration: 'sandbox',
      } satisfies Schemas['Health'],
    }),
    getMunicipality: async () => ({ status: 200, body: demoMunicipality }),
    getCitizen: async ({ citizen }: { citizen?: string }) => {
      const family = demoFamilies.find((f) => f.members.some((m) => m.fiscalCode === citizen));
      const self = family?.members.find((m) => m.fiscalCode === citizen);
      if (!family || !self) return notFound();
      const { relationship: _relationship, ...person } = self;
      return { status: 200, body: { ...person, family: family.members } satisfies Schemas['Citizen'] };
    },
    createFeedback: async ({ body }: { body: unknown }) => {
      const input = body as Schemas['FeedbackInput'];
      feedback.push({ service: input.service, rating: input.rating });
      const receipt: Schemas['FeedbackReceipt'] = {
        id: `sandbox-${nextFeedback++}`,
        receivedAt: new Date(now()).toISOString(),
      };
      return { status: 201, body: receipt };
    },
    getFeedbackSummary: async ({ query }: { query: Record<string, string> }) => {
      const ratings = [0, 0, 0, 0, 0];
      for (const entry of feedback) if (entry.service === query.service) ratings[entry.rating - 1]! += 1;
      const summary = feedbackSummary(query.service!, ratings);
      return { status: 200, body: summary };
    },
  };

  const implementation: ContractImplementation = {
    checkResponse: options.checkResponse,
    handlers,
    authenticate: async (token: string | undefined) => {
      const session = token ? tokens.get(token) : undefined;
      if (!session || session.expiresAt <= now()) {
        return {
          problem: problem(401, 'unauthorized', {
            detail: token ? 'The token is not valid or has expired.' : 'No token.',
          }),
        };
      }
      return { citizen: session.citizen };
    },
    idempotent: async (record: IdempotencyRecord, write: () => Promise<ContractResponse>) => {
      const id = `${record.scope}\n${record.key}`;
      const existing = idempotency.get(id);
      if (existing) {
        if (existing.fingerprint !== record.fingerprint) return idempotencyKeyReused();
        return existing.response ?? idempotencyInProgress();
      }
      const entry: { fingerprint: string; response?: ContractResponse } = { fingerprint: record.fingerprint };
      idempotency.set(id, entry);
      try {
        const response = await write();
        if (notYet(response)) idempotency.delete(id);
        else entry.response = response;
        return response;
      } catch (error) {
        idempotency.delete(id); // nothing was recorded: a retry may run it again
        throw error;
      }
    },
  };

  async function sandboxFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = new Request(
      new URL(input instanceof Request ? input.url : String(input), 'http://sandbox.invalid'),
      init,
    );
    const url = new URL(request.url);
    const text = await request.text();
    let body: unknown;
    if (text) {
      if (!JSON_TYPE.test(request.headers.get('content-type') ?? '')) {
        return json({ status: 415, body: problem(415, 'unsupported-media-type') }, now());
      }
      try {
        body = JSON.parse(text);
      } catch {
        return json(
          {
            status: 400,
            body: problem(400, 'validation-failed', { field: 'body', detail: 'body: is not valid JSON' }),
          },
          now(),
        );
      }
    }
    // The client a request names as a trusted proxy would (see SandboxClient), else this page.
    const client = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || 'page';
    const response = await handleContractRequest(
      {
        method: request.method,
        pathname: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries([...request.headers].map(([name, value]) => [name.toLowerCase(), value])),
        body,
      },
      { ...implementation, handlers: { ...implementation.handlers, ...bookingFor(client) } },
    );
    return json(response, now());
  }

  return {
    fetch: sandboxFetch as typeof fetch,
    signIn(fiscalCode) {
      if (!demoFamilies.some((family) => family.members[0]!.fiscalCode === fiscalCode)) {
        throw new Error(`${fiscalCode} is not one of the demo citizens who can sign in`);
      }
      const token = `sandbox.${randomUuid()}`;
      tokens.set(token, { citizen: fiscalCode, expiresAt: now() + tokenLifetimeMs });
      return token;
    },
  };
}

/** The answer as a gateway sends it, dated by the sandbox's clock as the gateway's answers are by its own. */
function json(response: ContractResponse, time: number): Response {
  const date = { Date: new Date(time).toUTCString() };
  if (response.body instanceof Uint8Array) {
    return new Response(response.body.slice().buffer, {
      status: response.status,
      headers: { ...date, ...response.headers },
    });
  }
  const problemBody = response.status >= 400;
  return new Response(response.body === undefined ? null : JSON.stringify(response.body), {
    status: response.status,
    headers: {
      ...date,
      'Content-Type': problemBody ? 'application/problem+json' : 'application/json',
      ...response.headers,
    },
  });
}
