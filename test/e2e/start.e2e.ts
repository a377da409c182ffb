// `npm start` as a person runs it: the gateway with the demo site on one port, stopped with Ctrl-C
// (SIGINT) and started again on the same data folder.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const dataDir = mkdtempSync(join(tmpdir(), 'sportello-start-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `npm start`'s script until it prints its URLs; returns them and a Ctrl-C. */
async function start(): Promise<{
  output: () => string;
  api: string;
  site: string;
  stop(): Promise<number | null>;
}> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    // The defaults a person gets: SQLite, whatever DATABASE_URL the test run itself has.
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Press Ctrl-C to stop.')) resolve();
    });
    child.once('exit', () => reject(new Error(`npm start exited early:\n${output}`)));
  });
  const url = (label: string) => new RegExp(`${label}\\s+(\\S+)`).exec(output)?.[1] ?? '';
  return {
    output: () => output,
    api: url('API health'),
    site: url('demo site'),
    async stop() {
      child.kill('SIGINT');
      return exited;
    },
  };
}

describe('npm start', () => {
  it('serves the API, the demo site, the docs, the kiosk and the sign-in; data survives a restart', async () => {
    const first = await start();
    // npm start is the demo, and says so: the gateway's own command starts without demo mode.
    assert.match(first.output(), /Demo mode is on \(DEMO_LOGIN=true\)/);
    const health = await (await fetch(first.api)).json();
    assert.equal(health.status, 'ok');
    assert.equal(health.database, 'sqlite');
    for (const path of ['', 'docs/', 'kiosk/', 'demo-login/']) {
      assert.equal((await fetch(first.site + path)).status, 200, `/${path}`);
    }
    const created = await fetch(first.api.replace('/api/health', '/api/feedback'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ service: 'certificati', rating: 5 }),
    });
    assert.equal(created.status, 201);
    assert.equal(await first.stop(), 0);
    assert.match(first.output(), /Stopped\./);

    const second = await start();
    const summary = await (
      await fetch(second.api.replace('/api/health', '/api/feedback/summary?service=certificati'))
    ).json();
    assert.equal(summary.count, 1);
    assert.equal(await second.stop(), 0);
  });

  it('refuses to run the demo with NODE_ENV=production, saying why in one line', async () => {
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      env: { ...process.env, NODE_ENV: 'production', PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assert.doesNotMatch(stdout, /running/);
    assert.match(
      stderr,
      /^Sportello gateway not started: DEMO_LOGIN is on with NODE_ENV=production: [^\n]+\n$/,
    );
  });
});
