import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { now as clockNow } from '@sportello/core/node';
import { DEMO_OPERATOR_TOKEN } from '@sportello/demo-data';
import { Ajv, type ErrorObject } from 'ajv';
import { REGISTRY_PROVIDERS, type RegistryProviderName } from './registry.js';

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
  /**
   * DEMO_LOGIN: demo mode, for trying Sportello out: the demo sign-in (anyone signs in as a demo
   * citizen), simulated payments anyone may mark paid, and the mailbox that shows every booking
   * message with its manage code. Default false (`npm start` asks for it); refused with
   * NODE_ENV=production.
   */
  demoLogin: boolean;
  /**
   * TOKEN_MAX_LIFETIME_SECONDS: the longest a citizen's token may last, from its `iat` (or from now
   * when it has none) to its `exp`; longer ones are refused, as are tokens without `exp`. Default
   * 3600: a stolen token must not stay good for a day.
   */
  tokenMaxLifetimeSeconds: number;
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
  /**
   * CERTIFICATE_DETAILS_DAYS: how many days after a certificate is issued its request forgets the
   * registry's answer it was made from (names, fiscal codes, birth dates of the subject and family,
   * an exemption's reason). The certificate can no longer be downloaded again, but it can still be
   * verified: its face (initials and the facts printed) and seal stay. A request still waiting for
   * its stamp after as many days is abandoned: its notice withdrawn, its details erased. Default 30.
   */
  certificateDetailsDays: number;
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
  /**
   * SITE_ROOT: a folder with demo/, dist/ (the kiosk in dist/kiosk/) and packages/ to serve the demo
   * site; unset serves the API only.
   */
  siteRoot?: string;
  /**
   * PAYMENT_PROVIDER: `simulated` (demo checkout page) or `pagopa-checkout` (pagoPA's public
   * checkout link). Default `simulated` in demo mode only; outside it, it must be set (see loadConfig).
   */
  paymentProvider: string;
  /**
   * REGISTRY_PROVIDER: where registry certificates come from: `simulated` (the demo registry's
   * families: the simulated ANPR) or `none` (no certificates online). Default `simulated` in demo
   * mode, `none` outside it; `simulated` is refused with NODE_ENV=production, as it would seal
   * certificates of made-up people with the municipality's key.
   */
  registryProvider: RegistryProviderName;
  /**
   * SEAL_KEY_FILE: the Ed25519 private key (a JWK, from `sportello-gateway seal-key generate`) that
   * seals certificates; the same file for every instance. Checked at start. Unset: in demo mode a
   * key made once in DATA_DIR; otherwise no certificates are issued.
   */
  sealKeyFile?: string;
  /**
   * SEAL_PUBLIC_KEYS_FILE: a JWKS (`{ "keys": [...] }`) of older public seal keys, still published
   * because certificates they sealed are still valid. Public halves only.
   */
  sealPublicKeysFile?: string;
  /**
   * TRUST_PROXY: behind a reverse proxy, the addresses to trust for X-Forwarded-For (comma-separated,
   * or `true` for any), so rate limits count each citizen, not the proxy. Default: none.
   */
  trustProxy: boolean | string;
  /**
   * OPERATOR_TOKEN: the credential operators type on the fleet page (`/fleet/`) to see the kiosks'
   * health (`GET /api/kiosks`, header `Sportello-Operator-Token`). At least 16 characters. Unset:
   * nobody can read the fleet (every request is answered 401); in demo mode it defaults to the
   * demo's published `demo-operator-token`, which is refused outside demo mode.
   */
  operatorToken?: string;
  /** LOG_LEVEL: pino level (fatal, error, warn, info, debug, trace or silent). Default info. */
  logLevel: string;
  /** The clock (tests set it); epoch milliseconds. */
  now: () => number;
}

// No default payment provider: it depends on demo mode (see loadConfig).
const DEFAULTS: Omit<GatewayConfig, 'paymentProvider' | 'registryProvider'> = {
  port: 8080,
  host: '127.0.0.1',
  dataDir: 'data',
  allowedOrigins: [],
  oidc: { audience: 'sportello' },
  demoLogin: false,
  tokenMaxLifetimeSeconds: 3600,
  rateLimit: { max: 300, windowMs: 60_000 },
  bodyLimitBytes: 64 * 1024,
  appointmentDetailsDays: 90,
  certificateDetailsDays: 30,
  trustProxy: false,
  logLevel: 'info',
  now: clockNow,
};

/** A configuration the gateway refuses to start with; its message is the one line to print. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const text = (description: string) => ({ type: 'string', minLength: 1, description });
const wholeNumber = (minimum: number, maximum: number, description: string) => ({
  type: 'integer',
  minimum,
  maximum,
  description,
});
const httpUrl = (description: string) => ({ type: 'string', pattern: '^https?://[^\\s]+$', description });
// What browsers send in Origin, and what CORS compares it with character for character: scheme and
// host in lower case, a port only when not the default, nothing after. A trailing slash, a path or
// capitals would never match, and the widgets on that site would fail with no word why.
const ORIGIN =
  '^https?://(\\[[0-9a-f:.]+\\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(:[0-9]{1,5})?$';
const ORIGIN_EXPECTED =
  'an origin: scheme and host in lower case, a port only when not the default, no path or trailing slash (https://www.comune.example.it)';

/**
 * What each setting may be, checked before anything opens: the file named by SPORTELLO_CONFIG
 * against the whole schema (an unknown key is a typo that would otherwise be silently ignored),
 * and each environment variable against its property. `description` is what a refusal says was
 * expected.
 */
const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    port: wholeNumber(0, 65535, 'a port number from 0 to 65535 (0: any free port)'),
    host: text('a host name or address to listen on'),
    dataDir: text('a folder'),
    databaseUrl: {
      type: 'string',
      pattern: '^postgres(ql)?://',
      description: 'a PostgreSQL URL (postgres://user:password@host:5432/database)',
    },
    allowedOrigins: {
      type: 'array',
      items: { type: 'string', pattern: ORIGIN, description: ORIGIN_EXPECTED },
      description: 'a list of origins',
    },
    publicUrl: httpUrl('an http or https URL'),
    oidc: {
      type: 'object',
      additionalProperties: false,
      properties: {
        issuer: httpUrl('the issuer URL of an OpenID Connect provider'),
        audience: text('the audience (client id) this gateway is registered as'),
        jwksUrl: httpUrl('an http or https URL'),
      },
      description: 'an object with issuer, audience and jwksUrl',
    },
    demoLogin: { type: 'boolean', description: 'true or false' },
    tokenMaxLifetimeSeconds: wholeNumber(60, 86_400, 'a number of seconds from 60 to 86400'),
    rateLimit: {
      type: 'object',
      additionalProperties: false,
      properties: {
        max: wholeNumber(1, 1_000_000, 'a number of requests from 1 to 1000000'),
        windowMs: wholeNumber(1, 86_400_000, 'a number of milliseconds from 1 to 86400000'),
      },
      description: 'an object with max and windowMs',
    },
    bodyLimitBytes: wholeNumber(1, 100 * 1024 * 1024, 'a number of bytes from 1 to 104857600'),
    appointmentDetailsDays: wholeNumber(1, 3650, 'a number of days from 1 to 3650'),
    certificateDetailsDays: wholeNumber(1, 3650, 'a number of days from 1 to 3650'),
    municipalityFile: text('a file name'),
    catalogueFile: text('a file name'),
    bookingServicesFile: text('a file name'),
    smtp: {
      type: 'object',
      additionalProperties: false,
      required: ['url'],
      properties: {
        url: {
          type: 'string',
          pattern: '^smtps?://',
          description: 'an SMTP URL (smtps://user:password@mail.example.it:465)',
        },
        from: text('a sender (Comune di Esempio <no-reply@comune.example.it>)'),
      },
      description: 'an object with url and from',
    },
    siteRoot: text('a folder'),
    paymentProvider: {
      type: 'string',
      enum: ['simulated', 'pagopa-checkout'],
      description: 'simulated or pagopa-checkout',
    },
    registryProvider: {
      type: 'string',
      enum: [...REGISTRY_PROVIDERS],
      description: REGISTRY_PROVIDERS.join(' or '),
    },
    sealKeyFile: text('a file name'),
    sealPublicKeysFile: text('a file name'),
    trustProxy: {
      anyOf: [{ type: 'boolean' }, { type: 'string', minLength: 1 }],
      description: 'true, false, or the proxies’ addresses, comma-separated',
    },
    operatorToken: {
      type: 'string',
      pattern: '^[!-~]{16,256}$',
      description: 'from 16 to 256 printable characters, no spaces',
    },
    logLevel: {
      type: 'string',
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      description: 'one of fatal, error, warn, info, debug, trace, silent',
    },
  },
} as const;

const validateConfig = new Ajv({ allErrors: false, strict: true }).compile(CONFIG_SCHEMA);

/** The environment variable that sets each setting (by its JSON pointer in the configuration). */
const VARIABLES: Record<string, string> = {
  '/port': 'PORT',
  '/host': 'HOST',
  '/dataDir': 'DATA_DIR',
  '/databaseUrl': 'DATABASE_URL',
  '/allowedOrigins': 'ALLOWED_ORIGINS',
  '/publicUrl': 'PUBLIC_URL',
  '/oidc/issuer': 'OIDC_ISSUER',
  '/oidc/audience': 'OIDC_AUDIENCE',
  '/oidc/jwksUrl': 'OIDC_JWKS_URL',
  '/demoLogin': 'DEMO_LOGIN',
  '/tokenMaxLifetimeSeconds': 'TOKEN_MAX_LIFETIME_SECONDS',
  '/rateLimit/max': 'RATE_LIMIT_MAX',
  '/rateLimit/windowMs': 'RATE_LIMIT_WINDOW_MS',
  '/bodyLimitBytes': 'BODY_LIMIT_BYTES',
  '/appointmentDetailsDays': 'APPOINTMENT_DETAILS_DAYS',
  '/certificateDetailsDays': 'CERTIFICATE_DETAILS_DAYS',
  '/municipalityFile': 'MUNICIPALITY_FILE',
  '/catalogueFile': 'CATALOGUE_FILE',
  '/bookingServicesFile': 'BOOKING_SERVICES_FILE',
  '/smtp/url': 'SMTP_URL',
  '/smtp/from': 'SMTP_FROM',
  '/siteRoot': 'SITE_ROOT',
  '/paymentProvider': 'PAYMENT_PROVIDER',
  '/registryProvider': 'REGISTRY_PROVIDER',
  '/sealKeyFile': 'SEAL_KEY_FILE',
  '/sealPublicKeysFile': 'SEAL_PUBLIC_KEYS_FILE',
  '/trustProxy': 'TRUST_PROXY',
  '/operatorToken': 'OPERATOR_TOKEN',
  '/logLevel': 'LOG_LEVEL',
};

interface SchemaNode {
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

/** The part of the schema that `pointer` (`/allowedOrigins/1`) names. */
function schemaAt(pointer: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = CONFIG_SCHEMA;
  for (const part of pointer.split('/').slice(1)) {
    node = /^\d+$/.test(part) ? node?.items : node?.properties?.[part];
  }
  return node;
}

function valueAt(data: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], data);
}

/** One line saying which setting is wrong and what it should be. */
function refusal(error: ErrorObject, data: unknown, source: 'file' | 'env', file?: string): string {
  if (error.keyword === 'additionalProperties') {
    const key = String(error.params.additionalProperty);
    const known = Object.keys(schemaAt(error.instancePath)?.properties ?? {});
    const where = error.instancePath ? ` in "${error.instancePath.slice(1).replaceAll('/', '.')}"` : '';
    return `SPORTELLO_CONFIG (${file}): unknown key "${key}"${where}; expected one of ${known.join(', ')}`;
  }
  const pointer = error.instancePath;
  const expected = schemaAt(pointer)?.description ?? error.message ?? 'something else';
  const got = JSON.stringify(valueAt(data, pointer));
  if (source === 'file') {
    return `SPORTELLO_CONFIG (${file}): "${pointer.slice(1).replaceAll('/', '.')}" must be ${expected}, got ${got}`;
  }
  const variable = VARIABLES[pointer.replace(/\/\d+$/, '')] ?? pointer;
  return `${variable} must be ${expected}, got ${got}`;
}

function checked<T>(data: T, source: 'file' | 'env', file?: string): T {
  if (!validateConfig(data)) throw new ConfigError(refusal(validateConfig.errors![0]!, data, source, file));
  // The pattern lets through what URL parsing turns into another origin (a default port written out).
  for (const [index, origin] of ((data as Partial<GatewayConfig>).allowedOrigins ?? []).entries()) {
    if (new URL(origin).origin !== origin) {
      const error = { keyword: 'pattern', instancePath: `/allowedOrigins/${index}`, params: {} };
      throw new ConfigError(refusal(error as ErrorObject, data, source, file));
    }
  }
  return data;
}

/** An environment variable's value as a setting: whole numbers and flags as such, the rest as text. */
function wholeNumberOf(value: string | undefined): number | string | undefined {
  if (value === undefined || value === '') return undefined;
  return /^-?\d+$/.test(value.trim()) ? Number(value) : value;
}

function flag(value: string | undefined): boolean | string | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  return value;
}

function defined<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function readConfigFile(file: string): Partial<GatewayConfig> {
  let content: string;
  try {
    content = readFileSync(resolve(file), 'utf8');
  } catch (error) {
    throw new ConfigError(`SPORTELLO_CONFIG (${file}) cannot be read: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw new ConfigError(`SPORTELLO_CONFIG (${file}) is not valid JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`SPORTELLO_CONFIG (${file}) must hold a JSON object of settings`);
  }
  return checked(parsed as Partial<GatewayConfig>, 'file', file);
}

/**
 * The configuration from the defaults, the file named by SPORTELLO_CONFIG and the environment,
 * each checked (a `ConfigError` names the first wrong setting). `overrides` are a program's own
 * settings (a test's, say): typed by TypeScript, taken as given.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<GatewayConfig> = {},
): GatewayConfig {
  const file = env.SPORTELLO_CONFIG ? readConfigFile(env.SPORTELLO_CONFIG) : {};
  const fromEnv = checked(
    defined({
      port: wholeNumberOf(env.PORT),
      host: env.HOST || undefined,
      dataDir: env.DATA_DIR || undefined,
      databaseUrl: env.DATABASE_URL || undefined,
      allowedOrigins: env.ALLOWED_ORIGINS
        ? env.ALLOWED_ORIGINS.split(',')
            .map((origin) => origin.trim())
            .filter(Boolean)
        : undefined,
      publicUrl: env.PUBLIC_URL || undefined,
      oidc:
        env.OIDC_ISSUER || env.OIDC_AUDIENCE || env.OIDC_JWKS_URL
          ? defined({
              issuer: env.OIDC_ISSUER || undefined,
              audience: env.OIDC_AUDIENCE || undefined,
              jwksUrl: env.OIDC_JWKS_URL || undefined,
            })
          : undefined,
      demoLogin: flag(env.DEMO_LOGIN),
      tokenMaxLifetimeSeconds: wholeNumberOf(env.TOKEN_MAX_LIFETIME_SECONDS),
      rateLimit:
        env.RATE_LIMIT_MAX || env.RATE_LIMIT_WINDOW_MS
          ? defined({
              max: wholeNumberOf(env.RATE_LIMIT_MAX),
              windowMs: wholeNumberOf(env.RATE_LIMIT_WINDOW_MS),
            })
          : undefined,
      bodyLimitBytes: wholeNumberOf(env.BODY_LIMIT_BYTES),
      appointmentDetailsDays: wholeNumberOf(env.APPOINTMENT_DETAILS_DAYS),
      certificateDetailsDays: wholeNumberOf(env.CERTIFICATE_DETAILS_DAYS),
      municipalityFile: env.MUNICIPALITY_FILE || undefined,
      catalogueFile: env.CATALOGUE_FILE || undefined,
      bookingServicesFile: env.BOOKING_SERVICES_FILE || undefined,
      smtp: env.SMTP_URL
        ? { url: env.SMTP_URL, from: env.SMTP_FROM || 'Sportello <no-reply@localhost>' }
        : undefined,
      siteRoot: env.SITE_ROOT || undefined,
      paymentProvider: env.PAYMENT_PROVIDER || undefined,
      registryProvider: env.REGISTRY_PROVIDER || undefined,
      sealKeyFile: env.SEAL_KEY_FILE || undefined,
      sealPublicKeysFile: env.SEAL_PUBLIC_KEYS_FILE || undefined,
      trustProxy: flag(env.TRUST_PROXY),
      operatorToken: env.OPERATOR_TOKEN || undefined,
      logLevel: env.LOG_LEVEL || undefined,
    }),
    'env',
  ) as Partial<GatewayConfig>;
  // Objects merge key by key: a file that sets only oidc.issuer keeps the default audience.
  const configured: Omit<GatewayConfig, 'paymentProvider' | 'registryProvider'> & {
    paymentProvider?: string;
    registryProvider?: RegistryProviderName;
  } = {
    ...DEFAULTS,
    ...file,
    ...fromEnv,
    ...overrides,
    oidc: { ...DEFAULTS.oidc, ...file.oidc, ...fromEnv.oidc, ...overrides.oidc },
    rateLimit: { ...DEFAULTS.rateLimit, ...file.rateLimit, ...fromEnv.rateLimit, ...overrides.rateLimit },
  };
  if (configured.demoLogin && env.NODE_ENV === 'production') {
    throw new ConfigError(
      'DEMO_LOGIN is on with NODE_ENV=production: demo mode lets anyone sign in as a demo citizen, mark notices paid and read every booking message; turn it off (DEMO_LOGIN=false) to run for real',
    );
  }
  return {
    ...configured,
    paymentProvider: paymentProviderOf(configured),
    registryProvider: registryProviderOf(configured, env),
    ...operatorTokenOf(configured),
  };
}

/**
 * The registry configured: the simulated one by default in demo mode only. Never with
 * NODE_ENV=production: its families are made up, and the certificates it backs would carry the
 * municipality's real seal.
 */
function registryProviderOf(
  configured: { demoLogin?: boolean; registryProvider?: RegistryProviderName },
  env: NodeJS.ProcessEnv,
): RegistryProviderName {
  const provider = configured.registryProvider ?? (configured.demoLogin ? 'simulated' : 'none');
  if (provider === 'simulated' && env.NODE_ENV === 'production') {
    throw new ConfigError(
      'REGISTRY_PROVIDER=simulated with NODE_ENV=production: its families are made up, and certificates about them would carry the municipality’s seal; set REGISTRY_PROVIDER=none until a real registry is connected',
    );
  }
  return provider;
}

/**
 * The operator credential: the one configured; in demo mode, when none is, the demo's published one.
 * The published one is never accepted outside demo mode: anyone can read it in the README.
 */
function operatorTokenOf(configured: Partial<GatewayConfig>): { operatorToken?: string } {
  if (configured.operatorToken === DEMO_OPERATOR_TOKEN && !configured.demoLogin) {
    throw new ConfigError(
      'OPERATOR_TOKEN is the demo’s published credential, which works in demo mode only: choose a secret of your own (openssl rand -base64 32)',
    );
  }
  const operatorToken = configured.operatorToken ?? (configured.demoLogin ? DEMO_OPERATOR_TOKEN : undefined);
  return operatorToken ? { operatorToken } : {};
}

/**
 * The payment provider configured. The simulated one lets anyone, with no sign-in, choose a
 * payment's outcome (mark a notice paid): it is the default in demo mode only, and anywhere else
 * the operator must name a provider, or the gateway does not start.
 */
function paymentProviderOf(configured: Partial<GatewayConfig>): string {
  if (configured.paymentProvider) return configured.paymentProvider;
  if (configured.demoLogin) return 'simulated';
  throw new ConfigError(
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
