import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { now as clockNow } from '@sportello/core/node';

/**
 * Everything the gateway can be told. Sources, later ones winning: the defaults below, the JSON
 * file named by SPORTELLO_CONFIG (same keys as this interface), then environment variables.
 */
export interface GatewayConfig {
  /** PORT; 0 picks a free port. Default 8080. */
  port: number;
  /** HOST. Default 127.0.0.1 (set 0.0.0.0 to serve other machines). */
  host: string;
  /** DATA_DIR: the SQLite file and the demo issuer's key live here. Default `data`. */
  dataDir: string;
  /** DATABASE_URL: `postgres://...` selects PostgreSQL; unset means SQLite in dataDir. */
  databaseUrl?: string;
  /** ALLOWED_ORIGINS, comma-separated: the sites whose pages may call the API (CORS). */
  allowedOrigins: string[];
  /** PUBLIC_URL: how citizens reach this gateway; names the demo issuer. Default from host and port. */
  publicUrl?: string;
  /** OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL: the identity provider (SPID/CIE broker) to trust. */
  oidc: { issuer?: string; audience: string; jwksUrl?: string };
  /** DEMO_LOGIN: serve the demo sign-in and trust its tokens. Default true; false in production. */
  demoLogin: boolean;
  /** RATE_LIMIT_MAX requests per RATE_LIMIT_WINDOW_MS from one client. Default 300 a minute. */
  rateLimit: { max: number; windowMs: number };
  /** BODY_LIMIT_BYTES: the largest request body accepted. Default 64 KiB. */
  bodyLimitBytes: number;
  /**
   * APPOINTMENT_DETAILS_DAYS: how many days after an appointment the applicant's details are erased
   * (names down to their initials; email, phone, fiscal code, notes and the messages sent are
   * deleted). The appointment itself stays. Default 90: set the municipality's own retention rule.
   */
  appointmentDetailsDays: number;
  /** MUNICIPALITY_FILE: a JSON municipality profile (contract's Municipality) seeded on first start instead of the demo one. */
  municipalityFile?: string;
  /** CATALOGUE_FILE: a JSON payment catalogue (the contract's PaymentCatalogue) seeded on first start; the demo one in demo mode. */
  catalogueFile?: string;
  /**
   * BOOKING_SERVICES_FILE: a JSON file `{ "services": [...] }` (the contract's BookingService) seeded
   * on first start; default the demo town's services when the municipality is the demo one, else none.
   */
  bookingServicesFile?: string;
  /**
   * SMTP_URL (`smtps://user:password@mail.example.it:465`) and SMTP_FROM: send the booking
   * messages (confirmation with the manage code, cancellation, new time) through this server.
   * Unset: messages wait in the outbox table (and show in the demo mailbox in demo mode).
   */
  smtp?: { url: string; from: string };
  /** SITE_ROOT: a folder with demo/, dist/, kiosk/ and packages/ to serve the demo site; unset serves the API only. */
  siteRoot?: string;
  /**
   * PAYMENT_PROVIDER: `simulated` (demo checkout page) or `pagopa-checkout` (pagoPA's public
   * checkout link). Default `simulated` in demo mode only; outside it, it must be set (see loadConfig).
   */
  paymentProvider: string;
  /**
   * TRUST_PROXY: behind a reverse proxy, the addresses to trust for X-Forwarded-For (comma-separated,
   * or `true` for any), so rate limits count each citizen, not the proxy. Default: none.
   */
  trustProxy: boolean | string;
  /** LOG_LEVEL: pino level. Default info. */
  logLevel: string;
  /** The clock (tests set it); epoch milliseconds. */
  now: () => number;
}

// No default payment provider: it depends on demo mode (see loadConfig).
const DEFAULTS: Omit<GatewayConfig, 'paymentProvider'> = {
  port: 8080,
  host: '127.0.0.1',
  dataDir: 'data',
  allowedOrigins: [],
  oidc: { audience: 'sportello' },
  demoLogin: true,
  rateLimit: { max: 300, windowMs: 60_000 },
  bodyLimitBytes: 64 * 1024,
  appointmentDetailsDays: 90,
  trustProxy: false,
  logLevel: 'info',
  now: clockNow,
};

function flag(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new Error(`Expected true or false, got "${value}"`);
}

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`${name} must be a whole number, got "${value}"`);
  return parsed;
}

function defined<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<GatewayConfig> = {},
): GatewayConfig {
  const file: Partial<GatewayConfig> = env.SPORTELLO_CONFIG
    ? JSON.parse(readFileSync(resolve(env.SPORTELLO_CONFIG), 'utf8'))
    : {};
  const base = { ...DEFAULTS, ...file };
  const fromEnv = defined({
    port: number('PORT', env.PORT),
    host: env.HOST || undefined,
    dataDir: env.DATA_DIR || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    allowedOrigins: env.ALLOWED_ORIGINS
      ? env.ALLOWED_ORIGINS.split(',')
          .map((origin) => origin.trim())
          .filter(Boolean)
      : undefined,
    publicUrl: env.PUBLIC_URL || undefined,
    demoLogin: flag(env.DEMO_LOGIN),
    bodyLimitBytes: number('BODY_LIMIT_BYTES', env.BODY_LIMIT_BYTES),
    appointmentDetailsDays: number('APPOINTMENT_DETAILS_DAYS', env.APPOINTMENT_DETAILS_DAYS),
    municipalityFile: env.MUNICIPALITY_FILE || undefined,
    catalogueFile: env.CATALOGUE_FILE || undefined,
    bookingServicesFile: env.BOOKING_SERVICES_FILE || undefined,
    smtp: env.SMTP_URL
      ? { url: env.SMTP_URL, from: env.SMTP_FROM || 'Sportello <no-reply@localhost>' }
      : undefined,
    siteRoot: env.SITE_ROOT || undefined,
    paymentProvider: env.PAYMENT_PROVIDER || undefined,
    trustProxy: env.TRUST_PROXY ? (/^(1|true)$/i.test(env.TRUST_PROXY) ? true : env.TRUST_PROXY) : undefined,
    logLevel: env.LOG_LEVEL || undefined,
  });
  const configured = { ...base, ...fromEnv };
  return {
    ...configured,
    paymentProvider: overrides.paymentProvider ?? paymentProviderOf(configured),
    oidc: {
      ...base.oidc,
      ...defined({
        issuer: env.OIDC_ISSUER || undefined,
        audience: env.OIDC_AUDIENCE || undefined,
        jwksUrl: env.OIDC_JWKS_URL || undefined,
      }),
    },
    rateLimit: {
      ...base.rateLimit,
      ...defined({
        max: number('RATE_LIMIT_MAX', env.RATE_LIMIT_MAX),
        windowMs: number('RATE_LIMIT_WINDOW_MS', env.RATE_LIMIT_WINDOW_MS),
      }),
    },
    ...overrides,
  };
}

/**
 * The payment provider the file and environment configure. The simulated one lets anyone, with no
 * sign-in, choose a payment's outcome (mark a notice paid): it is the default in demo mode only, and
 * anywhere else the operator must name a provider, or the gateway does not start. (`overrides`, a
 * program's own settings such as a test's, are taken as given.)
 */
function paymentProviderOf(configured: Partial<GatewayConfig>): string {
  if (configured.paymentProvider) return configured.paymentProvider;
  if (configured.demoLogin) return 'simulated';
  throw new Error(
    'PAYMENT_PROVIDER must be set when DEMO_LOGIN is false: pagopa-checkout, or simulated only if anyone may mark notices paid',
  );
}

/** How citizens reach the gateway: PUBLIC_URL, or this machine's address and port. */
export function publicUrlOf(config: GatewayConfig): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return (config.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`).replace(
    /\/$/,
    '',
  );
}

/**
 * The sites checkout may send a citizen back to: the gateway's own (under both local names when no
 * PUBLIC_URL is set) and the allowed origins. Never the request's Host header, which a client
 * chooses.
 */
export function returnOriginsOf(config: GatewayConfig): string[] {
  const own = new URL(publicUrlOf(config));
  const origins = [own.origin, ...config.allowedOrigins];
  if (!config.publicUrl) origins.push(`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`);
  return [...new Set(origins)];
}
