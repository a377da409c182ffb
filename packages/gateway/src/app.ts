import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { join, resolve } from 'node:path';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import {
  checkSchema,
  handleContractRequest,
  matchOperation,
  problem,
  returnUrlFor,
  type ContractImplementation,
  type Problem,
} from '@sportello/core/contract';
import { demoFamilies } from '@sportello/demo-data';
import { decodeJwt } from 'jose';
import nodemailer from 'nodemailer';
import Fastify, {
  LogController,
  type ConnectionError,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { cachedAnswerOf, preferredEncoding } from './availability-cache.js';
import { bookingHandlers } from './booking.js';
import { abandonUnpaidRequests, certificateHandlers } from './certificates.js';
import { requestClient } from './client.js';
import { ConfigError, publicUrlOf, returnOriginsOf, type GatewayConfig } from './config.js';
import { openDatabase, type Database } from './database.js';
import { registerFleet } from './fleet.js';
import { handOffHandlers } from './hand-off.js';
import { databaseHandlers } from './handlers.js';
import { databaseIdempotency } from './idempotency.js';
import {
  openDemoIssuer,
  tokenVerifier,
  unauthorized,
  type Authenticate,
  type DemoIssuer,
} from './identity.js';
import { startHousekeeping, type Housekeeping } from './housekeeping.js';
import { kioskHandlers } from './kiosks.js';
import { GATEWAY_SITE, gatewayPage, registerLook, registerSitePages, serveGatewayPage } from './look.js';
import { startMailSender, type MailSender, type MailTransport } from './notifications.js';
import { demoVisitorOf, paymentHandlers, paymentProvider, returnUrlOf } from './payments.js';
import { registryProvider, type RegistryProvider } from './registry.js';
import { openSealKeys } from './seal-key.js';
import { bookingServices, municipalityProfile, paymentCatalogue, seed } from './seed.js';
import { seededData } from './seeded.js';

/** The policy every page gets: no inline script or style, nothing from other origins. */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * The API's answers that anyone may see, the same for every client and about no one, and how long
 * a cache may keep each. Only these (when they succeed) may be kept by caches and are compressed.
 * Every other answer (about a citizen, a payment, a receipt, an appointment; carrying a token or a
 * manage code; any error) is `Cache-Control: no-store` and goes uncompressed, so an operation added
 * to the contract is private until it is listed here.
 *
 * Why private answers go uncompressed: compressing a secret (a manage code) in the same body as text
 * an attacker chose (a name they typed) lets them guess the secret from the answer's size, a byte at
 * a time (BREACH). Private answers are small; the public ones (availability, the municipality) are
 * the large and frequent ones, where compression pays.
 */
export const PUBLIC_ANSWERS: Readonly<Record<string, { cacheControl: string }>> = {
  // Change only with a new seed file and a restart.
  getMunicipality: { cacheControl: 'public, max-age=300' },
  getPaymentCatalogue: { cacheControl: 'public, max-age=300' },
  getBookingServices: { cacheControl: 'public, max-age=300' },
  // Change with every hold and booking: a cache may keep them, but must ask again each time.
  getBookingAvailability: { cacheControl: 'no-cache' },
  getBookingSlots: { cacheControl: 'no-cache' },
  getFeedbackSummary: { cacheControl: 'no-cache' },
  // Change with the configuration only (a restart); every other certificate answer is private.
  listCertificateKinds: { cacheControl: 'public, max-age=300' },
  // Public, but asked again each time: a verifier that meets a seal of an unknown key must get the
  // new key at once after a rotation, not a copy an hour old (kept for offline use all the same).
  getSealKeys: { cacheControl: 'no-cache' },
};

/** A year; not includeSubDomains: the gateway cannot know the municipality's other hosts (a proxy may add it). */
const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

export interface GatewayOptions {
  /** Where the logs go (tests read them); default standard output. */
  logStream?: NodeJS.WritableStream;
  /** Extra static folders: URL prefix (ending in /) to folder. For tests and the bench. */
  extraStatic?: Record<string, string>;
  /** Sends the booking messages instead of the SMTP server of `config.smtp` (tests). */
  mailTransport?: MailTransport;
  /** How often the outbox is sent (default 5 s); tests that send it themselves make it long. */
  mailIntervalMs?: number;
  /** Answers the registry's questions instead of REGISTRY_PROVIDER's provider (tests). */
  registry?: RegistryProvider;
}

export interface Gateway {
  app: FastifyInstance;
  database: Database;
  demoIssuer?: DemoIssuer;
  /** Sends the booking messages, when SMTP (or a mail transport) is configured. */
  mailSender?: MailSender;
  /** Deletes, every hour, what only served retries or times now past. */
  housekeeping: Housekeeping;
  /** Starts listening; resolves to the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

function send(
  reply: FastifyReply,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  { compressed = false } = {},
) {
  reply.code(status).headers(headers);
  // Documents (a receipt PDF) go as they are, with the type their handler gave.
  if (body instanceof Uint8Array) return reply.send(Buffer.from(body));
  reply.type(status >= 400 ? 'application/problem+json' : 'application/json');
  // A cached answer (availability) was serialised once, and is compressed once per encoding.
  const cached = cachedAnswerOf(body);
  const payload = body === undefined ? '' : (cached?.json ?? JSON.stringify(body));
  if (!compressed) return reply.send(payload);
  // Whether or not this one is big enough to be worth compressing, a cache keeps one copy per encoding.
  varyOn(reply, 'accept-encoding');
  const encoding = cached && preferredEncoding(reply.request.headers['accept-encoding']);
  if (cached && encoding) return reply.header('Content-Encoding', encoding).send(cached.encoded(encoding));
  return reply.compress(payload);
}

/** Adds `name` to the reply's Vary, keeping what CORS put there (Origin). */
function varyOn(reply: FastifyReply, name: string) {
  const current = String(reply.getHeader('vary') ?? '');
  const names = current.split(',').map((part) => part.trim().toLowerCase());
  if (!names.includes(name)) reply.header('vary', current ? `${current}, ${name}` : name);
}

/**
 * Maps Fastify's and Node's own refusals (body parsing, size, media type, rate limit, a URL that
 * cannot be decoded) to the contract's problems.
 */
function problemForError(error: { statusCode?: number; code?: string }): Problem {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return problem(413, 'payload-too-large');
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return problem(415, 'unsupported-media-type');
  if (error.statusCode === 429) return problem(429, 'rate-limited');
  if (error.code === 'FST_ERR_BAD_URL') {
    return problem(400, 'validation-failed', { field: 'path', detail: 'path: is not a valid URL' });
  }
  // Every other refusal before our handler runs is a body that could not be read: bad JSON, an
  // empty JSON body, a wrong Content-Length, an aborted upload.
  if (error.statusCode && error.statusCode < 500) {
    return problem(400, 'validation-failed', { field: 'body', detail: 'body: is not valid JSON' });
  }
  return problem(500, 'internal-error');
}

/**
 * What a log may say about an error: its kind, its code, the constraint it broke and where it was
 * thrown. Never its message or a database's detail: PostgreSQL's "Failing row contains (...)" quotes
 * the row it refused (names, emails), a trigger's message can say anything, and so can a parser's.
 */
export function loggableError(error: unknown) {
  const { name, code, constraint, stack } = (error ?? {}) as {
    name?: unknown;
    code?: unknown;
    constraint?: unknown;
    stack?: unknown;
  };
  return {
    type: typeof name === 'string' ? name : typeof error,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof constraint === 'string' ? { constraint } : {}),
    // The stack's frames only: its first lines repeat the message.
    ...(typeof stack === 'string'
      ? {
          at: stack
            .split('\n')
            .filter((line) => /^\s+at /.test(line))
            .slice(0, 8)
            .map((line) => line.trim()),
        }
      : {}),
  };
}

/**
 * Node's own refusals, before Fastify sees a request (headers too large, a request that is not
 * HTTP, one too slow to arrive): a problem like any other, written to the socket by hand.
 */
function clientErrorHandler(now: () => number) {
  return (error: ConnectionError, socket: Socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const body =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? problem(431, 'headers-too-large')
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? problem(408, 'request-timeout')
          : problem(400, 'bad-request');
    const json = JSON.stringify(body);
    if (socket.writable) {
      socket.write(
        [
          `HTTP/1.1 ${body.status} ${STATUS_CODES[body.status]}`,
          'Content-Type: application/problem+json',
          `Content-Length: ${Buffer.byteLength(json)}`,
          'Cache-Control: no-store',
          'X-Content-Type-Options: nosniff',
          `Date: ${new Date(now()).toUTCString()}`,
          'Connection: close',
          '',
          json,
        ].join('\r\n'),
      );
    }
    socket.destroy(error);
  };
}

/** Trusts the configured identity provider and, in demo mode, the demo issuer: chosen by the token's `iss`. */
function authenticator(config: GatewayConfig, demoIssuer: DemoIssuer | undefined): Authenticate {
  const verifiers = new Map<string, Authenticate>();
  if (demoIssuer) {
    verifiers.set(
      demoIssuer.issuer,
      tokenVerifier({
        issuer: demoIssuer.issuer,
        audience: config.oidc.audience,
        keys: { jwks: demoIssuer.publicJwks },
        maxLifetimeSeconds: config.tokenMaxLifetimeSeconds,
        now: config.now,
      }),
    );
  }
  if (config.oidc.issuer) {
    verifiers.set(
      config.oidc.issuer,
      tokenVerifier({
        issuer: config.oidc.issuer,
        audience: config.oidc.audience,
        keys: config.oidc.jwksUrl ? { jwksUrl: config.oidc.jwksUrl } : { discover: true },
        maxLifetimeSeconds: config.tokenMaxLifetimeSeconds,
        now: config.now,
      }),
    );
  }
  return async (token) => {
    if (!token) return unauthorized('No citizen token: sign in first.');
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      return unauthorized('The token is not valid.');
    }
    const verify = issuer ? verifiers.get(issuer) : undefined;
    return verify
      ? verify(token)
      : unauthorized('The token comes from an issuer this gateway does not trust.');
  };
}

function manifestRoutes(app: FastifyInstance, siteRoot: string) {
  const packagesDir = join(siteRoot, 'packages');
  const withManifest = () =>
    existsSync(packagesDir)
      ? readdirSync(packagesDir).filter((name) => existsSync(join(packagesDir, name, 'custom-elements.json')))
      : [];
  // Public documentation, which any cache may keep if it asks again (compressed with the site).
  app.get('/manifests/index.json', async (_request, reply) =>
    reply.header('Cache-Control', 'no-cache').type('application/json').send(JSON.stringify(withManifest())),
  );
  app.get<{ Params: { name: string } }>('/manifests/:name.json', async (request, reply) => {
    if (!withManifest().includes(request.params.name)) return send(reply, 404, problem(404, 'not-found'));
    return reply
      .header('Cache-Control', 'no-cache')
      .type('application/json')
      .send(readFileSync(join(packagesDir, request.params.name, 'custom-elements.json')));
  });
}

export async function buildGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const provider = paymentProvider(config.paymentProvider);
  // A notice made from the catalogue exists in this gateway's database only: only its own (simulated)
  // checkout can take it. pagoPA's would answer the citizen that it does not know it, or, should its
  // number be taken, show someone else's.
  const makesNotices = provider.simulated;
  if (config.catalogueFile && !makesNotices) {
    throw new ConfigError(
      'CATALOGUE_FILE cannot be used with PAYMENT_PROVIDER=pagopa-checkout: notices made from the catalogue would be unknown to pagoPA. Offer spontaneous payments through the creditor’s pagoPA back office instead.',
    );
  }
  // Every file is read and checked before the database opens: one refused leaves nothing open.
  const municipality = municipalityProfile(config.municipalityFile);
  const toSeed = {
    municipality,
    catalogue: paymentCatalogue(config.catalogueFile, config.demoLogin && makesNotices),
    bookingServices: bookingServices(config.bookingServicesFile, municipality),
    demo: config.demoLogin,
    now: config.now(),
  };
  // Checked with the other files; the demo's own key, when it has to be made, is made last.
  const sealKeys = await openSealKeys({
    ...(config.sealKeyFile ? { sealKeyFile: config.sealKeyFile } : {}),
    ...(config.sealPublicKeysFile ? { sealPublicKeysFile: config.sealPublicKeysFile } : {}),
    dataDir: config.dataDir,
    demo: config.demoLogin,
    now: config.now(),
  });
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const migration = await database.migrate();
  await seed(database, toSeed);
  // Nothing writes the seeded tables after seed(): the handlers get them read once, here.
  const seeded = await seededData(database);
  if (seeded.catalogue.size > 0 && !makesNotices) {
    await database.close();
    throw new ConfigError(
      'PAYMENT_PROVIDER=pagopa-checkout cannot serve the payment catalogue this database holds from an earlier start: notices made from it would be unknown to pagoPA. Start on a new database, or with PAYMENT_PROVIDER=simulated.',
    );
  }
  const publicUrl = publicUrlOf(config);
  const demoIssuer = config.demoLogin
    ? await openDemoIssuer({
        dataDir: config.dataDir,
        issuer: `${publicUrl}/demo-login`,
        audience: config.oidc.audience,
        now: config.now,
      })
    : undefined;

  const app = Fastify({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Fastify's own request lines carry the URL: the onResponse hook below logs a safe line instead.
    logController: new LogController({ disableRequestLogging: true }),
    logger: {
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Never the URL (queries can hold notice numbers), headers (tokens), bodies (personal data)
      // or an error's message (a database's quotes the row it refused).
      serializers: {
        req: (request) => ({ method: request.method }),
        res: (reply) => ({ statusCode: reply.statusCode }),
        // pino's own reads message and stack, and every other property (PostgreSQL's `detail`).
        err: (error: unknown) => ({
          ...loggableError(error),
          message: '(not logged)',
          stack: '(not logged)',
        }),
      },
    },
    clientErrorHandler: clientErrorHandler(config.now),
    // A path Fastify cannot decode: a problem, as every other refusal.
    frameworkErrors: (error: FastifyError, _request: unknown, reply: unknown) => {
      const body = problemForError(error);
      void send(reply as FastifyReply, body.status, body);
    },
  });

  // Every answer is dated by the clock that times holds, appointments and tokens (config.now), not
  // the system's: the widgets read it to tell when a device's own clock is off.
  // Nothing is stored by a cache unless it says so: static files (their own Cache-Control) and the
  // public API answers (PUBLIC_ANSWERS). A route added later is private by default.
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('Date', new Date(config.now()).toUTCString());
    if (!reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
    // Only when the request came over HTTPS: directly, or through a proxy that TRUST_PROXY trusts to
    // say so (X-Forwarded-Proto). A client's own X-Forwarded-Proto is not believed.
    if (request.protocol === 'https') reply.header('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
    return payload;
  });

  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'no-referrer' },
    // One framing policy, CSP's frame-ancestors 'none': no page of the gateway is meant to be framed
    // (the widgets are scripts on the municipality's own pages, not frames). X-Frame-Options said
    // SAMEORIGIN, which browsers that read CSP ignore, and which contradicted it.
    xFrameOptions: false,
    // Set above, by the request's protocol.
    strictTransportSecurity: false,
  });

  // Every refusal is a problem, under /api and everywhere else (demo sign-in, mailbox, checkout,
  // static files): bad JSON, too large, not JSON, too many requests, nothing there.
  // Bodies are JSON only, everywhere: text/plain, which another site's page may post without a CORS
  // preflight, is refused with 415 like any other type.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const body = problemForError(error);
    if (body.status >= 500) {
      request.log.error(
        { error: loggableError(error), operation: (request as RequestWithOperation).operationId },
        'request failed',
      );
    }
    const retryAfter = reply.getHeader('retry-after');
    if (body.status === 429 && retryAfter !== undefined) body.retryAfterSeconds = Number(retryAfter);
    return send(reply, body.status, body);
  });
  app.setNotFoundHandler((_request, reply) => send(reply, 404, problem(404, 'not-found')));

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url,
        operation: (request as RequestWithOperation).operationId,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  const implementation: ContractImplementation = {
    handlers: {
      ...databaseHandlers(database, { now: config.now, migration, seeded }),
      ...paymentHandlers(database, {
        now: config.now,
        provider,
        returnOrigins: returnOriginsOf(config),
        publicUrl,
        seeded,
        demo: config.demoLogin,
      }),
      ...bookingHandlers(database, { now: config.now, setup: seeded.booking }),
      ...handOffHandlers(database, { now: config.now }),
      ...certificateHandlers(database, {
        now: config.now,
        registry: options.registry ?? registryProvider(config.registryProvider),
        sealKeys,
        payments: provider,
        municipality: seeded.municipality,
        onRegistryError: (error) =>
          app.log.warn({ error: loggableError(error) }, 'registry unavailable; certificate refused with 503'),
      }),
      ...kioskHandlers(database, {
        now: config.now,
        ...(config.operatorToken ? { operatorToken: config.operatorToken } : {}),
      }),
    },
    authenticate: authenticator(config, demoIssuer),
    idempotent: databaseIdempotency(database, config.now),
    checkResponse: checkSchema,
    onContractViolation: (operation, status, problems) =>
      app.log.error({ operation: operation.id, status, problems }, 'response breaks the contract'),
  };

  // The API: CORS for the configured sites only, a rate limit per client, JSON bodies only.
  await app.register(
    async (api) => {
      await api.register(cors, {
        origin: config.allowedOrigins.length > 0 ? config.allowedOrigins : false,
        methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowedHeaders: [
          'Content-Type',
          'Authorization',
          'Idempotency-Key',
          'Accept-Language',
          'Sportello-Manage-Code',
          // A kiosk's pages may come from the municipality's site. Not the operator credential: the
          // fleet page is the gateway's own, and no other site's page should hold it.
          'Sportello-Kiosk-Key',
        ],
        // Date: widgets on another origin read the gateway's time (see the client's now()).
        exposedHeaders: ['Retry-After', 'Date'],
        maxAge: 600,
      });
      await api.register(rateLimit, { max: config.rateLimit.max, timeWindow: config.rateLimit.windowMs });
      // Compression is chosen answer by answer (PUBLIC_ANSWERS), never for all.
      await api.register(compress, { global: false, encodings: ['br', 'gzip'] });
      api.route({
        method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        url: '/*',
        handler: async (request: FastifyRequest, reply) => {
          const { pathname, searchParams } = new URL(request.url, 'http://gateway.invalid');
          const client = { ip: request.ip, demoVisitor: demoVisitorOf(request.headers.cookie) };
          const response = await requestClient
            .run(client, () =>
              handleContractRequest(
                {
                  method: request.method,
                  pathname,
                  query: Object.fromEntries(searchParams),
                  headers: request.headers as Record<string, string | undefined>,
                  body: request.body ?? undefined,
                },
                implementation,
              ),
            )
            .catch((error: unknown) => {
              // The failure's log line names the operation, which the answer would have told.
              const failed = matchOperation(request.method, pathname)?.operation.id;
              if (failed) (request as RequestWithOperation).operationId = failed;
              throw error;
            });
          if (response.operationId) (request as RequestWithOperation).operationId = response.operationId;
          const publicAnswer =
            response.status === 200 && response.operationId
              ? PUBLIC_ANSWERS[response.operationId]
              : undefined;
          reply.header('Cache-Control', publicAnswer?.cacheControl ?? 'no-store');
          return send(reply, response.status, response.body, response.headers, {
            compressed: publicAnswer !== undefined,
          });
        },
      });
    },
    { prefix: '/api' },
  );

  await registerLook(app);
  // Always there: without the operator credential it shows nothing.
  await registerFleet(app, config, municipality.name);
  if (demoIssuer) await registerDemoLogin(app, demoIssuer, database, config, municipality.name);
  if (config.demoLogin) await registerDemoMailbox(app, database, config, municipality.name);
  if (provider.simulated) await registerSimulatedCheckout(app, database, municipality.name);
  if (config.siteRoot) await registerSite(app, resolve(config.siteRoot), options.extraStatic ?? {});

  const transport =
    options.mailTransport ?? (config.smtp ? nodemailer.createTransport(config.smtp.url) : undefined);
  const mailSender = transport
    ? startMailSender(database, {
        transport,
        from: config.smtp?.from ?? 'Sportello <no-reply@localhost>',
        now: config.now,
        ...(options.mailIntervalMs ? { intervalMs: options.mailIntervalMs } : {}),
        // Codes only: an SMTP server's error text can quote the citizen's address.
        onError: (error) => {
          const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
          app.log.warn({ code, responseCode }, 'booking message not sent; retrying later');
        },
      })
    : undefined;

  const housekeeping = startHousekeeping(database, {
    now: config.now,
    appointmentDetailsDays: config.appointmentDetailsDays,
    certificateDetailsDays: config.certificateDetailsDays,
    abandonUnpaidCertificates: (beforeMs) => abandonUnpaidRequests(database, provider, beforeMs),
    onError: (error) =>
      app.log.error({ error: loggableError(error) }, 'housekeeping failed; trying again in an hour'),
  });

  return {
    app,
    database,
    ...(demoIssuer ? { demoIssuer } : {}),
    ...(mailSender ? { mailSender } : {}),
    housekeeping,
    listen: () => app.listen({ port: config.port, host: config.host }),
    async close() {
      await housekeeping.stop();
      await mailSender?.stop();
      await app.close();
      await database.close();
    },
  };
}

type RequestWithOperation = FastifyRequest & { operationId?: string };

async function registerDemoLogin(
  app: FastifyInstance,
  issuer: DemoIssuer,
  database: Database,
  config: GatewayConfig,
  municipalityName: string,
) {
  await app.register(
    async (login) => {
      await login.register(rateLimit, { max: config.rateLimit.max, timeWindow: config.rateLimit.windowMs });
      serveGatewayPage(login, 'demo-login', ['sign-in.js'], municipalityName);
      login.get('/.well-known/openid-configuration', async () => ({
        issuer: issuer.issuer,
        jwks_uri: `${issuer.issuer}/jwks.json`,
        token_endpoint: `${issuer.issuer}/token`,
        response_types_supported: ['token'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['ES256'],
        claims_supported: ['sub', 'fiscal_number', 'given_name', 'family_name'],
      }));
      login.get('/jwks.json', async () => issuer.publicJwks);
      // The citizens one can sign in as: the heads of the demo registry families, and who they are.
      const descriptions = new Map(demoFamilies.map((family) => [family.id, family.description]));
      login.get('/citizens', async () => {
        const rows = await database
          .current()
          .selectFrom('citizens')
          .select(['fiscal_code', 'given_name', 'family_name', 'family_id'])
          .where('position', '=', 0)
          .orderBy('family_id')
          .execute();
        return rows.map((row) => ({
          fiscalCode: row.fiscal_code,
          givenName: row.given_name,
          familyName: row.family_name,
          description: descriptions.get(row.family_id),
        }));
      });
      login.post<{ Body: { fiscalCode?: unknown } }>('/token', async (request, reply) => {
        const fiscalCode = typeof request.body?.fiscalCode === 'string' ? request.body.fiscalCode : '';
        const citizen = await database
          .current()
          .selectFrom('citizens')
          .select(['fiscal_code', 'given_name', 'family_name'])
          .where('fiscal_code', '=', fiscalCode)
          .where('position', '=', 0)
          .executeTakeFirst();
        if (!citizen) {
          return send(
            reply,
            400,
            problem(400, 'validation-failed', {
              field: 'fiscalCode',
              detail: 'fiscalCode: not a demo citizen',
            }),
          );
        }
        return issuer.issueToken({
          fiscalCode: citizen.fiscal_code,
          givenName: citizen.given_name,
          familyName: citizen.family_name,
        });
      });
    },
    { prefix: '/demo-login' },
  );
}

/**
 * The demo mailbox: the booking messages in the outbox, newest first, as the citizen would get them
 * (manage codes included). Demo mode only: it shows every citizen's messages to anyone.
 */
async function registerDemoMailbox(
  app: FastifyInstance,
  database: Database,
  config: GatewayConfig,
  municipalityName: string,
) {
  await app.register(
    async (mailbox) => {
      await mailbox.register(rateLimit, { max: config.rateLimit.max, timeWindow: config.rateLimit.windowMs });
      serveGatewayPage(mailbox, 'mailbox', ['mailbox.js', 'mailbox.css'], municipalityName);
      mailbox.get('/messages.json', async (_request, reply) => {
        const rows = await database
          .current()
          .selectFrom('notifications')
          .select([
            'id',
            'appointment_reference',
            'kind',
            'to_address',
            'subject',
            'body',
            'created_at',
            'sent_at',
          ])
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(200)
          .execute();
        return reply
          .header('Cache-Control', 'no-store')
          .type('application/json')
          .send(
            JSON.stringify(
              rows.map((row) => ({
                id: row.id,
                reference: row.appointment_reference,
                kind: row.kind,
                to: row.to_address,
                subject: row.subject,
                body: row.body,
                createdAt: row.created_at,
                sentAt: row.sent_at,
              })),
            ),
          );
      });
    },
    { prefix: '/demo/mailbox' },
  );
}

/** The simulated pagoPA checkout: a page where the tester picks the outcome, then back to the site. */
async function registerSimulatedCheckout(app: FastifyInstance, database: Database, municipalityName: string) {
  // Read once: one page for every payment id.
  const page = gatewayPage('simulated-pagopa/checkout.html', municipalityName);
  const script = readFileSync(join(GATEWAY_SITE, 'simulated-pagopa', 'checkout.js'));
  await app.register(
    async (checkout) => {
      checkout.get('/checkout/:paymentId', async (_request, reply) =>
        reply.type('text/html; charset=utf-8').send(page),
      );
      checkout.get('/checkout.js', async (_request, reply) =>
        reply.type('text/javascript; charset=utf-8').send(script),
      );
      checkout.get<{ Params: { paymentId: string } }>(
        '/checkout/:paymentId/return',
        async (request, reply) => {
          const returnUrl = await returnUrlOf(database, request.params.paymentId);
          if (!returnUrl) return send(reply, 404, problem(404, 'not-found'));
          return reply.redirect(returnUrlFor(returnUrl, request.params.paymentId), 303);
        },
      );
    },
    { prefix: '/simulated-pagopa' },
  );
}

/**
 * The demo site, the kiosk, the CDN bundle and the element manifests: public files. A file the build
 * compressed (`.br`, `.gz` beside it: the bundle and the kiosk in dist/) goes as it is
 * (`preCompressed`); any other is compressed as it is sent (demo/ is source, and a compressed copy
 * beside a source would be served stale after an edit).
 */
async function registerSite(app: FastifyInstance, siteRoot: string, extraStatic: Record<string, string>) {
  await app.register(async (site) => {
    await site.register(compress, { global: true, encodings: ['br', 'gzip'] });
    // Its pages assembled from their shared parts (head, header, footer) at each request; the rest as it is.
    await registerSitePages(site, join(siteRoot, 'demo'));
    // The kiosk as built (scripts/kiosk-build.mjs). Its worker and its unhashed files are checked
    // with the gateway at every load (sw.js so that a new build is seen; the rest for browsers the
    // worker does not control); the chunks carry their content's hash in their names.
    await site.register(fastifyStatic, {
      root: join(siteRoot, 'dist/kiosk'),
      prefix: '/kiosk/',
      decorateReply: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (response, path) => {
        const hashed = /[/\\]chunks[/\\][^/\\]+-[\w-]{8}\.js(\.br|\.gz)?$/.test(path);
        response.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // Not preCompressed: a test's or the bench's folder may hold edited copies of built files
    // beside their build's compressed copies (the bench's dist/ without compile hints).
    for (const [prefix, root] of Object.entries(extraStatic)) {
      await site.register(fastifyStatic, { root: resolve(root), prefix, decorateReply: false });
    }
    // The CDN bundle: other municipalities' sites load it as a module script, which needs CORS.
    await site.register(fastifyStatic, {
      root: join(siteRoot, 'dist'),
      prefix: '/dist/',
      decorateReply: false,
      preCompressed: true,
      setHeaders: (response) => {
        response.header('Access-Control-Allow-Origin', '*');
        response.header('Cross-Origin-Resource-Policy', 'cross-origin');
      },
    });
    manifestRoutes(site, siteRoot);
  });
}
