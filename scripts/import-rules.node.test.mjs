// The import rules of .dependency-cruiser.mjs catch what they are for. Forbidden imports are planted
// in a small copy of the repository's layout in a temporary folder, never in packages/, so a lint or
// type-check running meanwhile does not see them; the same rules then check the real tree.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONFIG = join(ROOT, '.dependency-cruiser.mjs');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** The violations dependency-cruiser reports for `folders`, run from `cwd` as `npm run lint` runs it. */
async function violations(cwd, folders) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [DEPCRUISE, '--config', CONFIG, '--output-type', 'json', ...folders],
    { cwd, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error) => error); // it exits with the number of violations: the report is what counts
  return JSON.parse(stdout).summary.violations.map((violation) => ({
    rule: violation.rule.name,
    from: violation.from,
    to: violation.to,
  }));
}

/**
 * Imports each of `specifiers` in turn, from the sources, in a new Node process (as the gateway's
 * tests run it), under a module hook that refuses to load Lit. Resolves to what each import did:
 * 'loaded', or the error that stopped it.
 */
async function importsRefusingLit(specifiers) {
  const hook = `export async function resolve(specifier, context, next) {
    const resolved = await next(specifier, context);
    if (/\\/node_modules\\/(lit|lit-html|lit-element|@lit\\/[^/]+)\\//.test(resolved.url)) {
      throw new Error('Lit loaded: ' + specifier + ' from ' + context.parentURL);
    }
    return resolved;
  }`;
  const script = `import { register } from 'node:module';
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
    const outcomes = {};
    for (const specifier of ${JSON.stringify(specifiers)}) {
      outcomes[specifier] = await import(specifier).then(() => 'loaded', (error) => error.message);
    }
    console.log(JSON.stringify(outcomes));`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', '--input-type=module', '--eval', script],
    { cwd: ROOT },
  );
  return JSON.parse(stdout);
}

/** A workspace package as the real ones are: TypeScript sources published through `source`. */
const workspacePackage = (name, entries) =>
  JSON.stringify({
    name: `@sportello/${name}`,
    type: 'module',
    exports: Object.fromEntries(
      Object.entries(entries).map(([entry, source]) => [
        entry,
        { source, import: source.replace('./src/', './dist/').replace(/\.ts$/, '.js') },
      ]),
    ),
  });

// The layout in small: allowed imports, and one forbidden import of each kind (EXPECTED lists them).
const FIXTURE = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { module: 'ESNext', moduleResolution: 'bundler', customConditions: ['source'] },
    include: ['packages', 'kiosk', 'demo'],
  }),
  'node_modules/lit/package.json': JSON.stringify({
    name: 'lit',
    type: 'module',
    exports: { '.': './index.js' },
  }),
  'node_modules/lit/index.js': 'export const html = () => undefined;\n',
  'packages/core/package.json': workspacePackage('core', {
    '.': './src/index.ts',
    './node': './src/node.ts',
  }),
  'packages/core/src/index.ts': "export * from './base-element.js';\nexport * from './clock.js';\n",
  'packages/core/src/base-element.ts': "export { html } from 'lit';\n",
  'packages/core/src/clock.ts': 'export const now = () => Date.now();\n',
  'packages/core/src/node.ts': "export * from './clock.js';\n",
  'packages/core/src/uses-payment.ts': "export * from '@sportello/payment';\n",
  'packages/core/src/uses-gateway.ts': "export * from '@sportello/gateway';\n",
  'packages/payment/package.json': workspacePackage('payment', {
    '.': './src/index.ts',
    './payment': './src/payment/define.ts',
  }),
  'packages/payment/src/index.ts': "export * from './payment/payment.js';\n",
  'packages/payment/src/payment/define.ts': "import './payment.js';\n",
  'packages/payment/src/payment/payment.ts': "export * from '@sportello/core';\n",
  'packages/booking/package.json': workspacePackage('booking', { '.': './src/index.ts' }),
  'packages/booking/src/index.ts': "import '@sportello/payment/payment';\nimport './booking.js';\n",
  'packages/booking/src/booking.ts': "export * from './calendar.js';\n",
  'packages/booking/src/calendar.ts': 'export const days = 7;\n',
  'packages/booking/src/by-relative-path.ts': "export * from '../../payment/src/payment/payment.js';\n",
  'packages/booking/src/by-unpublished-path.ts':
    "export * from '@sportello/payment/src/payment/payment.js';\n",
  'packages/sandbox/package.json': workspacePackage('sandbox', { '.': './src/index.ts' }),
  'packages/sandbox/src/index.ts': "export * from '@sportello/demo-data';\n",
  'packages/sandbox/src/by-relative-path.ts': "export * from '../../demo-data/src/index.js';\n",
  'packages/demo-data/package.json': workspacePackage('demo-data', { '.': './src/index.ts' }),
  'packages/demo-data/src/index.ts': "export const demoTown = 'Esempio';\n",
  'packages/demo-data/src/uses-core-barrel.ts': "export { now } from '@sportello/core';\n",
  'packages/gateway/package.json': workspacePackage('gateway', { '.': './src/index.ts' }),
  'packages/gateway/src/index.ts': "export * from './seed.js';\nexport * from './clock.js';\n",
  'packages/gateway/src/seed.ts': "export * from '@sportello/demo-data';\n",
  'packages/gateway/src/clock.ts': "export * from '@sportello/core/node';\n",
  'packages/gateway/src/uses-sandbox.ts': "export * from '@sportello/sandbox';\n",
  'packages/gateway/src/uses-core-barrel.ts': "export { now } from '@sportello/core';\n",
  'packages/gateway/src/beside-sandbox.node.test.ts': "import '@sportello/sandbox';\nimport './index.js';\n",
  'kiosk/shell.ts': "import '../packages/gateway/src/index.js';\n",
  'demo/demo.js': "import '@sportello/payment/payment';\n",
  'demo/served.js': "import '/dist/sportello.js';\nimport './demo.js?again';\n",
};

const EXPECTED = [
  ['core-imports-no-package', 'packages/core/src/uses-payment.ts', 'packages/payment/src/index.ts'],
  ['browser-code-imports-gateway', 'packages/core/src/uses-gateway.ts', 'packages/gateway/src/index.ts'],
  [
    'package-internals',
    'packages/booking/src/by-relative-path.ts',
    'packages/payment/src/payment/payment.ts',
  ],
  ['package-internals', 'packages/sandbox/src/by-relative-path.ts', 'packages/demo-data/src/index.ts'],
  [
    'unpublished-or-missing-module',
    'packages/booking/src/by-unpublished-path.ts',
    '@sportello/payment/src/payment/payment.js',
  ],
  ['gateway-imports-sandbox', 'packages/gateway/src/uses-sandbox.ts', 'packages/sandbox/src/index.ts'],
  ['browser-code-imports-gateway', 'kiosk/shell.ts', 'packages/gateway/src/index.ts'],
  ['gateway-loads-lit', 'packages/gateway/src/uses-core-barrel.ts', 'node_modules/lit/index.js'],
  ['dom-free-code-loads-lit', 'packages/demo-data/src/uses-core-barrel.ts', 'node_modules/lit/index.js'],
];

describe('import rules (.dependency-cruiser.mjs)', { concurrency: true }, () => {
  let fixture;
  before(() => {
    fixture = mkdtempSync(join(tmpdir(), 'sportello-import-rules-'));
    for (const [path, text] of Object.entries(FIXTURE)) {
      mkdirSync(dirname(join(fixture, path)), { recursive: true });
      writeFileSync(join(fixture, path), text);
    }
    // As npm links workspaces: node_modules/@sportello/<name> is the package folder.
    mkdirSync(join(fixture, 'node_modules/@sportello'));
    for (const name of ['core', 'payment', 'booking', 'sandbox', 'demo-data', 'gateway']) {
      symlinkSync(`../../packages/${name}`, join(fixture, 'node_modules/@sportello', name));
    }
  });
  after(() => rmSync(fixture, { recursive: true, force: true }));

  it('report each forbidden import planted in the layout, and nothing allowed', async () => {
    const found = await violations(fixture, ['packages', 'kiosk', 'demo']);
    assert.deepEqual(found.map(({ rule, from, to }) => [rule, from, to]).sort(), [...EXPECTED].sort());
  });

  it('find no forbidden import in the repository', async () => {
    assert.deepEqual(await violations(ROOT, ['packages', 'demo', 'kiosk', 'scripts', 'test']), []);
  });

  it('hold when the code runs: the gateway and core’s DOM-free entry load no Lit module', async () => {
    // Core's barrel last, as the control: it does load Lit, and the hook must say so.
    const outcomes = await importsRefusingLit([
      '@sportello/gateway',
      '@sportello/core/node',
      '@sportello/demo-data',
      '@sportello/core',
    ]);
    const { '@sportello/core': barrel, ...domFree } = outcomes;
    assert.match(barrel, /^Lit loaded/);
    assert.deepEqual(domFree, {
      '@sportello/gateway': 'loaded',
      '@sportello/core/node': 'loaded',
      '@sportello/demo-data': 'loaded',
    });
  });
});
