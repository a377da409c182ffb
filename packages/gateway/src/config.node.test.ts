// The configuration is checked before anything opens, and the gateway is safe by default: demo
// mode only when asked for, never with NODE_ENV=production. A refusal is one line naming the
// setting and what it expected.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  generateSealKeys,
  verifySeal,
  sealCertificate,
  type SealPrivateJwk,
} from '@sportello/core/certificates';
import { ConfigError, loadConfig } from './config.js';
import { openSealKeys } from './seal-key.js';

const folder = mkdtempSync(join(tmpdir(), 'sportello-config-'));
after(() => rmSync(folder, { recursive: true, force: true }));

/** A config file with `settings`; its path. */
function configFile(settings: unknown, name = 'config.json'): string {
  const file = join(folder, name);
  writeFileSync(file, typeof settings === 'string' ? settings : JSON.stringify(settings));
  return file;
}

/** The one line `loadConfig(env)` refuses with. */
function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig({ PAYMENT_PROVIDER: 'pagopa-checkout', ...env });
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    assert.doesNotMatch(error.message, /\n/, 'one line');
    return error.message;
  }
  assert.fail(`accepted ${JSON.stringify(env)}`);
}

describe('gateway configuration schema', () => {
  it('refuses an unknown key in SPORTELLO_CONFIG, naming it', () => {
    const file = configFile({ port: 8080, prot: 8081 });
    assert.match(
      refusal({ SPORTELLO_CONFIG: file }),
      /^SPORTELLO_CONFIG \(.*config\.json\): unknown key "prot"; expected one of port, /,
    );
    const nested = configFile({ rateLimit: { max: 10, window: 1000 } });
    assert.match(
      refusal({ SPORTELLO_CONFIG: nested }),
      /unknown key "window" in "rateLimit"; expected one of max, windowMs/,
    );
  });

  it('refuses a file that is not a JSON object of settings, or has a wrong value', () => {
    assert.match(
      refusal({ SPORTELLO_CONFIG: configFile('{ "port": 80,', 'broken.json') }),
      /broken\.json\) is not valid JSON/,
    );
    assert.match(refusal({ SPORTELLO_CONFIG: configFile([1, 2]) }), /must hold a JSON object/);
    assert.match(
      refusal({ SPORTELLO_CONFIG: join(folder, 'missing.json') }),
      /missing\.json\) cannot be read/,
    );
    assert.match(
      refusal({ SPORTELLO_CONFIG: configFile({ allowedOrigins: ['https://www.comune.example.it/'] }) }),
      /"allowedOrigins\.0" must be an origin: .*, got "https:\/\/www\.comune\.example\.it\/"$/,
    );
    assert.match(
      refusal({ SPORTELLO_CONFIG: configFile({ logLevel: 'verbose' }) }),
      /"logLevel" must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"$/,
    );
  });

  it('refuses an ALLOWED_ORIGINS entry that is not an origin, naming the variable and the entry', () => {
    for (const origin of [
      'https://www.comune.example.it/',
      'https://www.comune.example.it/servizi',
      'www.comune.example.it',
      'https://WWW.Comune.example.it',
      'https://www.comune.example.it:443',
      '*',
    ]) {
      assert.equal(
        refusal({ ALLOWED_ORIGINS: `https://ok.example, ${origin}` }),
        `ALLOWED_ORIGINS must be an origin: scheme and host in lower case, a port only when not the default, no path or trailing slash (https://www.comune.example.it), got ${JSON.stringify(origin)}`,
      );
    }
    const accepted = loadConfig({
      PAYMENT_PROVIDER: 'pagopa-checkout',
      ALLOWED_ORIGINS: 'https://www.comune.example.it, http://localhost:8080, http://[::1]:3000',
    });
    assert.deepEqual(accepted.allowedOrigins, [
      'https://www.comune.example.it',
      'http://localhost:8080',
      'http://[::1]:3000',
    ]);
  });

  it('refuses an unknown LOG_LEVEL, a port out of range and numbers that are not', () => {
    assert.equal(
      refusal({ LOG_LEVEL: 'verbose' }),
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
    );
    assert.equal(
      refusal({ PORT: '65536' }),
      'PORT must be a port number from 0 to 65535 (0: any free port), got 65536',
    );
    assert.match(refusal({ PORT: '-1' }), /^PORT must be a port number/);
    assert.match(refusal({ PORT: '80.5' }), /^PORT must be a port number .*, got "80\.5"$/);
    assert.match(refusal({ RATE_LIMIT_MAX: '0' }), /^RATE_LIMIT_MAX must be a number of requests from 1/);
    assert.match(
      refusal({ PAYMENT_PROVIDER: 'paypal' }),
      /^PAYMENT_PROVIDER must be simulated or pagopa-checkout, got "paypal"$/,
    );
    assert.match(refusal({ DATABASE_URL: 'mysql://db/sportello' }), /^DATABASE_URL must be a PostgreSQL URL/);
    assert.match(
      refusal({ TOKEN_MAX_LIFETIME_SECONDS: 'forever' }),
      /^TOKEN_MAX_LIFETIME_SECONDS must be a number of seconds/,
    );
    assert.equal(loadConfig({ PAYMENT_PROVIDER: 'pagopa-checkout', PORT: '0' }).port, 0, 'any free port');
  });

  it('allows tokens an hour at most by default, as configured', () => {
    assert.equal(loadConfig({ PAYMENT_PROVIDER: 'pagopa-checkout' }).tokenMaxLifetimeSeconds, 3600);
    const config = loadConfig({ PAYMENT_PROVIDER: 'pagopa-checkout', TOKEN_MAX_LIFETIME_SECONDS: '900' });
    assert.equal(config.tokenMaxLifetimeSeconds, 900);
  });
});

describe('gateway demo mode', () => {
  it('is off unless asked for', () => {
    assert.equal(loadConfig({ PAYMENT_PROVIDER: 'pagopa-checkout' }).demoLogin, false);
    assert.equal(loadConfig({ DEMO_LOGIN: 'true' }).demoLogin, true);
    assert.equal(loadConfig({ SPORTELLO_CONFIG: configFile({ demoLogin: true }) }).demoLogin, true);
  });

  it('refuses to start with NODE_ENV=production, saying why in one line', () => {
    const message = refusal({ NODE_ENV: 'production', DEMO_LOGIN: 'true' });
    assert.match(message, /^DEMO_LOGIN is on with NODE_ENV=production: /);
    assert.match(
      refusal({ NODE_ENV: 'production', SPORTELLO_CONFIG: configFile({ demoLogin: true }) }),
      /^DEMO_LOGIN is on with NODE_ENV=production/,
    );
    const production = loadConfig({ NODE_ENV: 'production', PAYMENT_PROVIDER: 'pagopa-checkout' });
    assert.equal(production.demoLogin, false);
  });
});

describe('gateway registry provider', () => {
  it('is the simulated one in demo mode only, unless configured', () => {
    assert.equal(loadConfig({ DEMO_LOGIN: 'true' }).registryProvider, 'simulated');
    assert.equal(loadConfig({ PAYMENT_PROVIDER: 'pagopa-checkout' }).registryProvider, 'none');
    assert.equal(loadConfig({ DEMO_LOGIN: 'true', REGISTRY_PROVIDER: 'none' }).registryProvider, 'none');
    assert.equal(
      loadConfig({ PAYMENT_PROVIDER: 'simulated', REGISTRY_PROVIDER: 'simulated' }).registryProvider,
      'simulated',
    );
  });

  it('refuses an unknown one, and the simulated one with NODE_ENV=production', () => {
    assert.equal(
      refusal({ REGISTRY_PROVIDER: 'anpr' }),
      'REGISTRY_PROVIDER must be simulated or none, got "anpr"',
    );
    assert.match(
      refusal({ NODE_ENV: 'production', REGISTRY_PROVIDER: 'simulated' }),
      /^REGISTRY_PROVIDER=simulated with NODE_ENV=production: /,
    );
    const production = loadConfig({ NODE_ENV: 'production', PAYMENT_PROVIDER: 'pagopa-checkout' });
    assert.equal(production.registryProvider, 'none');
  });
});

describe('gateway seal key', () => {
  const keyFile = (name: string, jwk: unknown) => configFile(jwk, name);

  it('reads the configured key and publishes its public half with the older ones, never a private part', async () => {
    const current = await generateSealKeys('seal-2027');
    const older = await generateSealKeys('seal-2026');
    const keys = await openSealKeys({
      sealKeyFile: keyFile('seal.json', current.privateJwk),
      sealPublicKeysFile: keyFile('older.json', { keys: [older.publicJwk, current.publicJwk] }),
      dataDir: join(folder, 'never-made'),
      demo: false,
      now: Date.parse('2026-11-23T09:00:00Z'),
    });
    assert.deepEqual(keys.publicKeys, [current.publicJwk, older.publicJwk]);
    assert.equal(keys.signing?.keyId, 'seal-2027');
    const face = {
      kind: 'birth',
      subjectInitials: 'G. B.',
      facts: { birthDate: '1985-07-22' },
      issuedOn: '2026-11-23',
      validUntil: null,
      issuer: '80001234568',
      id: '0123456789ABCDEF',
    } as const;
    const seal = await sealCertificate(face, keys.signing!.key, keys.signing!.keyId);
    assert.equal((await verifySeal(seal, keys.publicKeys)).status, 'genuine');
    assert.ok(!existsSync(join(folder, 'never-made')), 'nothing made outside demo mode');
  });

  it('is made once in the data folder in demo mode without a file, readable by the gateway only', async () => {
    const dataDir = join(folder, 'demo-data');
    const options = { dataDir, demo: true, now: Date.parse('2026-11-23T09:00:00Z') };
    const first = await openSealKeys(options);
    const again = await openSealKeys(options);
    assert.equal(first.publicKeys.length, 1);
    assert.deepEqual(again.publicKeys, first.publicKeys);
    if (process.platform !== 'win32')
      assert.equal(statSync(join(dataDir, 'seal-key.json')).mode & 0o777, 0o600);
    assert.deepEqual(
      await openSealKeys({ ...options, demo: false }),
      { publicKeys: [] },
      'none outside demo mode',
    );
  });

  it('refuses to start on a file that is not an Ed25519 private key, in one line that never quotes it', async () => {
    const { privateJwk } = await generateSealKeys('seal-a');
    const other = await generateSealKeys('seal-b');
    const dataDir = join(folder, 'data-never-made');
    for (const [file, expected] of [
      [
        configFile('{ "kty": "OKP", "d": "secret', 'broken-key.json'),
        /^SEAL_KEY_FILE \(.*broken-key\.json\) is not valid JSON$/,
      ],
      [
        keyFile('ec-key.json', { ...privateJwk, kty: 'EC', crv: 'P-256' }),
        /must hold an Ed25519 private key .*: it is not an Ed25519 key/,
      ],
      [
        keyFile('public-only.json', other.publicJwk),
        /: it has no valid private part \(d: 43 base64url characters\)$/,
      ],
      [
        keyFile('mismatched.json', { ...privateJwk, d: other.privateJwk.d } satisfies SealPrivateJwk),
        /: its private part \(d\) does not belong to its public part \(x\)$/,
      ],
      [join(folder, 'missing-key.json'), /^SEAL_KEY_FILE \(.*missing-key\.json\) cannot be read/],
    ] as const) {
      const { code, stdout, stderr } = await runCli({
        PAYMENT_PROVIDER: 'pagopa-checkout',
        SEAL_KEY_FILE: file,
        DATA_DIR: dataDir,
      });
      assert.equal(code, 1, stderr);
      assert.equal(stdout, '');
      assert.match(stderr, /^Sportello gateway not started: [^\n]+\n$/);
      assert.match(stderr.trim().replace('Sportello gateway not started: ', ''), expected);
      assert.ok(
        !stderr.includes(privateJwk.d) && !stderr.includes(other.privateJwk.d),
        'the key is never printed',
      );
      assert.ok(!existsSync(dataDir), 'nothing was opened');
    }
    const { code, stderr } = await runCli({
      PAYMENT_PROVIDER: 'pagopa-checkout',
      SEAL_PUBLIC_KEYS_FILE: keyFile('leaked.json', { keys: [privateJwk] }),
      DATA_DIR: dataDir,
    });
    assert.equal(code, 1);
    assert.match(stderr, /SEAL_PUBLIC_KEYS_FILE \(.*leaked\.json\): keys\.0 holds a private part \(d\)/);
  });

  it('`seal-key generate` makes a key pair the gateway takes, and never overwrites a file', async () => {
    const out = join(folder, 'generated-seal.json');
    const made = await runCli({}, ['seal-key', 'generate', '--kid', 'seal-2026-11', '--out', out]);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /^Seal key seal-2026-11 written to /);
    if (process.platform !== 'win32') assert.equal(statSync(out).mode & 0o777, 0o600);
    const written = JSON.parse(readFileSync(out, 'utf8')) as SealPrivateJwk;
    assert.ok(!made.stdout.includes(written.d), 'the private key only in its file');
    const keys = await openSealKeys({ sealKeyFile: out, dataDir: folder, demo: false, now: 0 });
    assert.equal(keys.signing?.keyId, 'seal-2026-11');
    assert.ok(made.stdout.includes(JSON.stringify(keys.publicKeys[0])), 'the public key printed');
    const again = await runCli({}, ['seal-key', 'generate', '--out', out]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /exists already/);
    const printed = await runCli({}, ['seal-key', 'generate']);
    assert.equal(printed.code, 0);
    assert.match(
      printed.stdout,
      /"d":"[A-Za-z0-9_-]{43}"/,
      'without --out, the private key on standard output',
    );
  });
});

/** Runs the gateway's own command with `env` only; its exit code and output. */
function runCli(
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', join(import.meta.dirname, 'cli.ts'), ...args],
    { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('sportello-gateway command', () => {
  it('refuses a bad configuration with one line on standard error, before opening anything', async () => {
    const dataDir = join(folder, 'data-never-made');
    for (const [env, expected] of [
      [{ DEMO_LOGIN: 'true', NODE_ENV: 'production' }, /DEMO_LOGIN is on with NODE_ENV=production/],
      [{ PAYMENT_PROVIDER: 'pagopa-checkout', LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
      [{ PAYMENT_PROVIDER: 'pagopa-checkout', PORT: '99999' }, /PORT must be a port number/],
      [{}, /PAYMENT_PROVIDER must be set when DEMO_LOGIN is false/],
    ] as const) {
      const { code, stdout, stderr } = await runCli({ ...env, DATA_DIR: dataDir });
      assert.equal(code, 1, stderr);
      assert.equal(stdout, '');
      assert.match(stderr, /^Sportello gateway not started: [^\n]+\n$/);
      assert.match(stderr, expected);
      assert.ok(!existsSync(dataDir), 'nothing was opened');
    }
  });
});
