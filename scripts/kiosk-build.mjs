// How the kiosk is built (rollup.config.mjs): the app, `kiosk/src/main.ts` -> `dist/kiosk/kiosk.js`,
// bundled as the CDN build is (lit inlined, the elements it imports on demand in chunks of their own),
// beside a copy of `kiosk/public/`; then its service worker, `kiosk/src/sw.ts` -> `dist/kiosk/sw.js`
// (Workbox inlined), into which Workbox's injectManifest writes the precache manifest: every file of
// dist/kiosk and the Comune's look the kiosk takes from the gateway (its stylesheet, coat of arms
// and fonts). Brotli and gzip copies beside each file, as for the rest of dist/.
//
// injectManifest runs from a plugin of our own: rollup-plugin-workbox reported a bad option as a
// success and wrote no worker. Here a bad option, a warning (a file too large to precache, a pattern
// that matches nothing) or a linked file that does not exist fails the build.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, sep } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import MagicString from 'magic-string';
import esbuild from 'rollup-plugin-esbuild';
import { injectManifest } from 'workbox-build';
import { browserBundle } from './browser-bundle.mjs';
import { precompressFile, precompressed } from './precompress.mjs';
import { tsSourceResolver } from './ts-source-resolver.mjs';

/** Where the kiosk is served: the service worker's scope, and the base of its files' addresses. */
export const KIOSK_PATH = '/kiosk/';

/**
 * The gateway's files the kiosk uses whatever its pages link: the Comune's stylesheet (and, through
 * it, the fonts it declares) and coat of arms. The shell's pages may link more (see gatewayEntries).
 */
export const KIOSK_LOOK = ['/look/comune.css', '/look/stemma.svg'];

function bootstrapItaliaDist() {
  const require = createRequire(new URL('../packages/gateway/package.json', import.meta.url));
  return join(dirname(require.resolve('bootstrap-italia/package.json')), 'dist');
}

/**
 * Where the gateway serves each address outside /kiosk/ from (packages/gateway/src/look.ts and
 * registerSite in app.ts), longest prefix first: the file a precached address gets its revision from.
 */
export const GATEWAY_FOLDERS = [
  ['/vendor/bootstrap-italia/', bootstrapItaliaDist()],
  ['/look/', 'packages/gateway/site/look'],
  ['/', 'demo'],
];

/**
 * Both builds of the kiosk, in order (the worker's manifest lists the app's files, so the app is
 * written first; rollup builds an array of configurations one after the other).
 */
export function kioskBuilds({
  app = 'kiosk/src/main.ts',
  worker = 'kiosk/src/sw.ts',
  publicDir = 'kiosk/public',
  out = 'dist/kiosk',
  look = KIOSK_LOOK,
  gatewayFolders = GATEWAY_FOLDERS,
  workboxOptions = {},
} = {}) {
  const appBuild = browserBundle({ input: { kiosk: app }, dir: out });
  appBuild.plugins.push(copiedFolder(publicDir), precompressed());
  const workerBuild = {
    input: worker,
    plugins: [
      tsSourceResolver(),
      nodeResolve({ browser: true, exportConditions: ['source', 'production'] }),
      productionBuildOfWorkbox(),
      esbuild({ target: 'es2022', tsconfig: 'tsconfig.base.json', minify: true, legalComments: 'none' }),
      precacheManifest({
        swFile: join(out, 'sw.js'),
        globDirectory: out,
        additionalEntries: () => gatewayEntries(publicDir, { look, gatewayFolders }),
        workboxOptions,
      }),
    ],
    // A classic script: the worker registers without `type: 'module'`, which older Chromium lacks.
    output: { dir: out, entryFileNames: 'sw.js', format: 'iife', sourcemap: true },
  };
  return [appBuild, workerBuild];
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Copies every file of `dir` into the build's output as it is (kiosk/public: index.html, css, icons). */
export function copiedFolder(dir) {
  return {
    name: 'copied-folder',
    buildStart() {
      for (const file of filesUnder(dir)) {
        this.addWatchFile(file);
        this.emitFile({
          type: 'asset',
          fileName: relative(dir, file).split(sep).join('/'),
          source: readFileSync(file),
        });
      }
    },
  };
}

/** Workbox's modules keep their development logging behind `process.env.NODE_ENV`: drop it. */
function productionBuildOfWorkbox() {
  return {
    name: 'production-build-of-workbox',
    transform(code) {
      if (!code.includes('process.env.NODE_ENV')) return null;
      const output = new MagicString(code);
      output.replaceAll('process.env.NODE_ENV', '"production"');
      return { code: output.toString(), map: output.generateMap({ hires: 'boundary' }) };
    },
  };
}

/**
 * Writes the precache manifest into the worker once it is written (Workbox's injectManifest, in
 * place): every file under `globDirectory` except source maps and the compressed copies, plus
 * `additionalEntries()`. Any warning fails the build: each means a file the kiosk would miss offline.
 */
export function precacheManifest({ swFile, globDirectory, additionalEntries, workboxOptions = {} }) {
  return {
    name: 'precache-manifest',
    async writeBundle() {
      try {
        await inject();
      } catch (error) {
        // A worker without its manifest would precache nothing: better none at all.
        rmSync(swFile, { force: true });
        rmSync(`${swFile}.map`, { force: true });
        throw error;
      }
      precompressFile(swFile);
    },
  };
  async function inject() {
    const { warnings } = await injectManifest({
      swSrc: swFile,
      swDest: swFile,
      globDirectory,
      globPatterns: ['**/*'],
      globIgnores: ['**/*.map', '**/*.br', '**/*.gz'],
      // Chunk names carry a hash of their content: the address is the revision.
      dontCacheBustURLsMatching: /^chunks\//,
      additionalManifestEntries: additionalEntries(),
      ...workboxOptions,
    });
    if (warnings.length) throw new Error(`The kiosk's precache manifest: ${warnings.join('; ')}`);
  }
}

const LINKED_IN_HTML = /<(?:link|script|img|source)\b[^>]*?\s(?:href|src)\s*=\s*["']([^"']+)["']/gi;
const LINKED_IN_CSS = /url\(\s*["']?([^"')]+)["']?\s*\)|@import\s+["']([^"']+)["']/gi;

/** The addresses a page or stylesheet loads, resolved against its own address. */
function linkedAddresses(text, kind, base) {
  const pattern = kind === '.css' ? LINKED_IN_CSS : LINKED_IN_HTML;
  return [...text.matchAll(pattern)]
    .map((match) => new URL(match[1] ?? match[2], base))
    .filter((url) => url.origin === base.origin)
    .map((url) => url.pathname);
}

/**
 * The precache entries of what the kiosk loads from the gateway outside /kiosk/: `look`, and every
 * address the pages and stylesheets of `publicDir` link there, followed into the stylesheets found
 * (comune.css declares the fonts), each with a revision from its file's content, so a change to the
 * Comune's look reaches the kiosk with the next build. Throws for an address the gateway serves
 * from no file: offline, the kiosk would miss it.
 */
export function gatewayEntries(publicDir, { look = KIOSK_LOOK, gatewayFolders = GATEWAY_FOLDERS } = {}) {
  const origin = 'https://kiosk.invalid';
  const entries = new Map();
  const visit = (path, linkedFrom) => {
    if (path.startsWith(KIOSK_PATH) || entries.has(path)) return;
    const [prefix, folder] = gatewayFolders.find(([start]) => path.startsWith(start)) ?? [];
    const file =
      prefix === undefined ? undefined : join(folder, decodeURIComponent(path.slice(prefix.length)));
    let bytes;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new Error(
        `${path}, linked from ${linkedFrom}, is not a file the gateway serves (looked for ${file})`,
      );
    }
    entries.set(path, { url: path, revision: createHash('sha256').update(bytes).digest('hex').slice(0, 16) });
    if (extname(path) === '.css') {
      for (const linked of linkedAddresses(bytes.toString('utf8'), '.css', new URL(path, origin)))
        visit(linked, path);
    }
  };
  for (const path of look) visit(path, 'KIOSK_LOOK');
  for (const file of filesUnder(publicDir)) {
    const kind = extname(file);
    if (kind !== '.html' && kind !== '.css') continue;
    const address = new URL(KIOSK_PATH + relative(publicDir, file).split(sep).join('/'), origin);
    for (const linked of linkedAddresses(readFileSync(file, 'utf8'), kind, address)) visit(linked, file);
  }
  return [...entries.values()];
}
