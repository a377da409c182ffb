import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { rollup } from 'rollup';
import { parse } from 'yaml';
import { PUBLIC_ANSWERS } from '@sportello/gateway';
import { CATALOGUE_PATHS, CHANGING_PATHS, apiStrategyFor } from '../kiosk/src/worker-routes.ts';
import { kioskBuilds } from './kiosk-build.mjs';

/** Builds as `rollup -c` does: each configuration written before the next starts. */
async function build(configs) {
  for (const config of configs) {
    const bundle = await rollup({ ...config, onwarn: () => {} });
    try {
      await bundle.write(config.output);
    } finally {
      await bundle.close();
    }
  }
}

/** The files under `root`, as paths from it with forward slashes. */
function filesUnder(root, dir = root) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? filesUnder(root, path)
      : [relative(root, path).split(sep).join('/')];
  });
}

/** The precache manifest Workbox wrote into the worker: `{ url, revision }` entries. */
function precacheManifest(worker) {
  return [...worker.matchAll(/\{"revision":(null|"[^"]*"),"url":"([^"]+)"\}/g)].map((match) => ({
    url: match[2],
    revision: JSON.parse(match[1]),
  }));
}

const revisionOf = (file) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);

/** A kiosk of a few files: an app with a part loaded on demand, a page, a stylesheet, an icon. */
function kioskSource(dir, { page } = {}) {
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'public', 'icons'), { recursive: true });
  writeFileSync(join(dir, 'src', 'main.ts'), "export const later = () => import('./later.js');\n");
  writeFileSync(join(dir, 'src', 'later.ts'), `export const later = ${JSON.stringify('x'.repeat(2000))};\n`);
  writeFileSync(
    join(dir, 'public', 'index.html'),
    page ??
      '<!doctype html><link rel="stylesheet" href="/vendor/bootstrap-italia/css/bootstrap-italia.min.css">' +
        '<link rel="stylesheet" href="kiosk.css"><link rel="manifest" href="/kiosk/manifest.webmanifest">' +
        `<script type="module" src="/kiosk/kiosk.js"></script>${'<p>Totem</p>'.repeat(100)}`,
  );
  writeFileSync(join(dir, 'public', 'kiosk.css'), 'body { background: url(icons/tile.svg); }\n');
  writeFileSync(join(dir, 'public', 'icons', 'tile.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return { app: join(dir, 'src', 'main.ts'), publicDir: join(dir, 'public'), out: join(dir, 'out') };
}

describe('the kiosk build', () => {
  let dir;
  let out;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sportello-kiosk-build-'));
    const source = kioskSource(dir);
    out = source.out;
    await build(kioskBuilds(source));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('writes the app, its chunks and the public files, with compressed copies of the larger ones', () => {
    const files = filesUnder(out);
    for (const file of ['kiosk.js', 'index.html', 'kiosk.css', 'icons/tile.svg', 'sw.js']) {
      assert.ok(files.includes(file), file);
    }
    assert.ok(
      files.some((file) => /^chunks\/later-[\w-]+\.js$/.test(file)),
      'the part loaded on demand is a chunk',
    );
    for (const file of ['index.html', 'sw.js']) {
      assert.ok(files.includes(`${file}.br`) && files.includes(`${file}.gz`), `${file}'s compressed copies`);
    }
  });

  test("precaches every file of the kiosk's build, and neither the compressed copies nor the maps", () => {
    const manifest = precacheManifest(readFileSync(join(out, 'sw.js'), 'utf8'));
    const kioskFiles = filesUnder(out).filter((file) => !/\.(br|gz|map)$/.test(file) && file !== 'sw.js');
    assert.deepEqual(
      manifest
        .map((entry) => entry.url)
        .filter((url) => !url.startsWith('/'))
        .sort(),
      kioskFiles.sort(),
    );
    for (const entry of manifest.filter((entry) => !entry.url.startsWith('/'))) {
      // A chunk's name changes with its content; any other file needs a revision.
      assert.equal(entry.revision === null, entry.url.startsWith('chunks/'), entry.url);
    }
  });

  test("precaches the Comune's look from the gateway, the fonts its stylesheet declares, and what the page links", () => {
    const manifest = precacheManifest(readFileSync(join(out, 'sw.js'), 'utf8'));
    const gateway = new Map(
      manifest.filter((entry) => entry.url.startsWith('/')).map((e) => [e.url, e.revision]),
    );
    assert.equal(gateway.get('/look/comune.css'), revisionOf('packages/gateway/site/look/comune.css'));
    assert.equal(gateway.get('/look/stemma.svg'), revisionOf('packages/gateway/site/look/stemma.svg'));
    assert.ok(gateway.get('/vendor/bootstrap-italia/css/bootstrap-italia.min.css'), 'the linked stylesheet');
    const fonts = [
      ...readFileSync('packages/gateway/site/look/comune.css', 'utf8').matchAll(/url\('([^']+)'\)/g),
    ];
    assert.ok(fonts.length > 0);
    for (const [, font] of fonts) assert.ok(gateway.has(font), font);
  });

  test('writes a production worker with its manifest in place', () => {
    const worker = readFileSync(join(out, 'sw.js'), 'utf8');
    assert.ok(!worker.includes('__WB_MANIFEST'), 'the manifest replaced its placeholder');
    assert.ok(!worker.includes('process.env'), "Workbox's development branches are gone");
    assert.ok(!/^\s*(import|export)\b/m.test(worker), 'a classic script');
  });
});

describe('the kiosk build fails', () => {
  let dir;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sportello-kiosk-build-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('when a page links a file of the gateway that does not exist', async () => {
    mkdirSync(join(dir, 'missing'));
    const source = kioskSource(join(dir, 'missing'), {
      page: '<!doctype html><link rel="stylesheet" href="/look/no-such.css">',
    });
    await assert.rejects(build(kioskBuilds(source)), /\/look\/no-such\.css, linked from .*index\.html/);
  });

  test('on an option Workbox does not know, writing no worker', async () => {
    mkdirSync(join(dir, 'option'));
    const source = kioskSource(join(dir, 'option'));
    await assert.rejects(
      build(kioskBuilds({ ...source, workboxOptions: { globPaterns: ['**/*'] } })),
      /globPaterns/,
    );
    assert.ok(!existsSync(join(source.out, 'sw.js')), 'no worker without its manifest');
  });

  test('on a warning: a file too large to precache', async () => {
    mkdirSync(join(dir, 'large'));
    const source = kioskSource(join(dir, 'large'));
    await assert.rejects(
      build(kioskBuilds({ ...source, workboxOptions: { maximumFileSizeToCacheInBytes: 100 } })),
      /precache manifest:.*(kiosk\.js|index\.html)/s,
    );
  });
});

describe("the worker's public API answers", () => {
  const contract = parse(readFileSync('packages/core/openapi.yaml', 'utf8'));
  const publicPaths = (cacheControl) =>
    Object.entries(contract.paths)
      .filter(([, path]) => cacheControl(PUBLIC_ANSWERS[path.get?.operationId]?.cacheControl ?? ''))
      .map(([path]) => path)
      .sort();

  test("are the gateway's public answers: the catalogues it lets caches keep, the rest asked each time", () => {
    assert.deepEqual(
      [...CATALOGUE_PATHS].sort(),
      publicPaths((value) => /max-age=[1-9]/.test(value)),
    );
    assert.deepEqual(
      [...CHANGING_PATHS].sort(),
      publicPaths((value) => value === 'no-cache'),
    );
  });

  test('every other API call, and every write, goes to the network only', () => {
    const origin = 'https://comune.example';
    for (const [path, operations] of Object.entries(contract.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const url = new URL(path.replace(/\{[^}]+\}/g, 'x'), origin);
        const strategy = apiStrategyFor(url, method.toUpperCase(), origin);
        const isPublic = method === 'get' && operation.operationId in PUBLIC_ANSWERS;
        assert.equal(strategy === 'network-only', !isPublic, `${method} ${path}`);
      }
    }
    assert.equal(apiStrategyFor(new URL('/look/comune.css', origin), 'GET', origin), undefined);
    assert.equal(apiStrategyFor(new URL('https://other.example/api/municipality'), 'GET', origin), undefined);
  });
});
