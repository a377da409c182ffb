// Sources import siblings as `./x.js` (what the emitted ESM will be called); while building from
// source those files are `./x.ts`. rollup and the dev server both use this to find them.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function tsSourceResolver() {
  return {
    name: 'ts-source-resolver',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.') || !source.endsWith('.js')) return null;
      const candidate = resolve(dirname(importer), source.slice(0, -3) + '.ts');
      return existsSync(candidate) ? candidate : null;
    },
  };
}
