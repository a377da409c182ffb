// The configuration is checked before anything opens, and the gateway is safe by default: demo
// mode only when asked for, never with NODE_ENV=production. A refusal is one line naming the
// setting and what it expected.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

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

/** Runs the gateway's own command with `env` only; its exit code and output. */
function runCli(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', join(import.meta.dirname, 'cli.ts')],
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
