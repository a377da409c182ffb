// Writes custom-elements.json for every package from the class JSDoc (the single source of each
// element's API), for editors' tooling, the docs page and the bench.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const analyzer = resolve('node_modules/.bin/custom-elements-manifest');
const config = resolve('custom-elements-manifest.config.mjs');
for (const name of readdirSync('packages')) {
  const dir = join('packages', name);
  if (!existsSync(join(dir, 'src'))) continue;
  execFileSync(
    analyzer,
    [
      'analyze',
      '--config',
      config,
      '--litelement',
      '--globs',
      'src/**/*.ts',
      '--exclude',
      'src/**/*.test.ts',
      '--outdir',
      '.',
      '--quiet',
    ],
    { cwd: dir, stdio: 'inherit' },
  );
}
