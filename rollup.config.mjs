// One build for everything: each package's ESM (modules preserved, dependencies external, for
// npm users and their bundlers) and the CDN build in dist/: the loader `sportello.js`, each
// element's module `elements/<name>.js`, core's API `core.js` (lit inlined, minified, shared and
// lazily loaded parts in dist/chunks/), and the stylesheet `sportello.css` that reserves the
// elements' room before they render; beside each file of dist/ its brotli and gzip copies (`.br`,
// `.gz`) for the gateway to send as they are; and the kiosk in dist/kiosk/, its app and its service
// worker (scripts/kiosk-build.mjs). Type declarations come from `tsc -b`.
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import esbuild from 'rollup-plugin-esbuild';
import { browserBundle } from './scripts/browser-bundle.mjs';
import { cssLiteralMinifier, minifyCss } from './scripts/css-literal-minifier.mjs';
import { kioskBuilds } from './scripts/kiosk-build.mjs';
import { precompressed } from './scripts/precompress.mjs';
import { tsSourceResolver } from './scripts/ts-source-resolver.mjs';

const TARGET = 'es2022';

// Chunk names carry content hashes: start from an empty dist/ so old chunks do not pile up.
rmSync('dist', { recursive: true, force: true });

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.(test|node\.test)\.ts$|\.d\.ts$/.test(name) ? [path] : [];
  });
}

const packages = readdirSync('packages').filter((name) =>
  existsSync(join('packages', name, 'src', 'index.ts')),
);

const packageBuilds = packages.map((name) => ({
  input: sourceFiles(join('packages', name, 'src')),
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !/^[A-Za-z]:/.test(id),
  plugins: [
    tsSourceResolver(),
    cssLiteralMinifier(),
    // es2022 would drop `with { type: 'bytes' }` from the fonts' imports (scripts/import-bytes.mjs).
    esbuild({ target: TARGET, supported: { 'import-attributes': true }, tsconfig: 'tsconfig.base.json' }),
  ],
  output: {
    dir: join('packages', name, 'dist'),
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: join('packages', name, 'src'),
    entryFileNames: '[name].js',
    // The standard keyword for import attributes (rollup still writes `assert` by default).
    importAttributesKey: 'with',
    sourcemap: true,
  },
}));

const cdnBuild = browserBundle({
  input: { sportello: 'packages/sportello/src/index.ts', core: 'packages/sportello/src/core.ts' },
  dir: 'dist',
  elementModules: 'packages/sportello/src/elements.ts',
});
cdnBuild.plugins.push(reservationStylesheet('packages/sportello/src/sportello.css'));
// Brotli and gzip copies beside each file of dist/, which the gateway serves as they are.
cdnBuild.plugins.push(precompressed());

/** Ships the stylesheet of the embed snippet as dist/sportello.css, its comments and spacing dropped. */
function reservationStylesheet(file) {
  return {
    name: 'reservation-stylesheet',
    buildStart() {
      this.addWatchFile(file);
      this.emitFile({
        type: 'asset',
        fileName: 'sportello.css',
        source: `${minifyCss(readFileSync(file, 'utf8'))}\n`,
      });
    },
  };
}

export default [...packageBuilds, cdnBuild, ...kioskBuilds()];
