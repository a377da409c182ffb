// One build for everything: each package's ESM (modules preserved, dependencies external, for
// npm users and their bundlers) and the all-in-one CDN bundle `dist/sportello.js` (lit inlined,
// minified, lazily loaded parts split into dist/chunks/). Type declarations come from `tsc -b`.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import esbuild from 'rollup-plugin-esbuild';
import { browserBundle } from './scripts/browser-bundle.mjs';
import { cssLiteralMinifier } from './scripts/css-literal-minifier.mjs';
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
    esbuild({ target: TARGET, tsconfig: 'tsconfig.base.json' }),
  ],
  output: {
    dir: join('packages', name, 'dist'),
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: join('packages', name, 'src'),
    entryFileNames: '[name].js',
    sourcemap: true,
  },
}));

const cdnBundle = browserBundle({
  input: 'packages/sportello/src/index.ts',
  dir: 'dist',
  entryFileNames: 'sportello.js',
});

export default [...packageBuilds, cdnBundle];
