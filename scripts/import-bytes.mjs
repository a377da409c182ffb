// `import(file, { with: { type: 'bytes' } })` and `import bytes from 'file' with { type: 'bytes' }`
// (the TC39 Import Bytes proposal, which esbuild reads as it is): the file's contents as a
// Uint8Array. The fonts of PDF documents come into the browser this way
// (packages/core/src/pdf/font-files.browser.ts); these plugins give rollup and the test runner the
// same reading. Node does not read it yet, so Node code reads its files from disk instead.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const BYTES = '?import-bytes';
const BYTES_ATTRIBUTE = /type\s*:\s*['"]bytes['"]/;

/** The module a bytes import becomes: the file in base64, decoded once when the module runs. */
export function bytesModule(bytes) {
  const base64 = Buffer.from(bytes).toString('base64');
  return `export default Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));\n`;
}

/** rollup: each file imported as bytes is a module of its own (a chunk of its own when imported lazily). */
export function importBytes() {
  return {
    name: 'import-bytes',
    async resolveId(source, importer, options) {
      if (options.attributes?.type !== 'bytes') return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      // node-resolve asks the other plugins about what it found, this one included: mark it once.
      if (!resolved || resolved.external || resolved.id.endsWith(BYTES)) return resolved;
      // The suffix keeps other plugins (TypeScript, CommonJS) off the file, and the chunk's name is
      // still the file's ("titillium-web-latin-400-normal").
      return { id: `${resolved.id}${BYTES}` };
    },
    load(id) {
      if (!id.endsWith(BYTES)) return null;
      const file = id.slice(0, -BYTES.length);
      this.addWatchFile(file);
      return { code: bytesModule(readFileSync(file)), map: { mappings: '' } };
    },
  };
}

/**
 * The test runner's dev server serves modules one by one, and Chromium refuses an import with
 * `type: 'bytes'`: a source module that has one is served bundled by esbuild instead, with only
 * its bytes imports inlined (its other imports stay imports).
 */
export function serveBytesImports({ rootDir = process.cwd() } = {}) {
  return {
    name: 'serve-bytes-imports',
    async serve(context) {
      if (!/\.[cm]?[jt]s$/.test(context.path) || context.path.includes('/node_modules/')) return undefined;
      const file = join(rootDir, decodeURIComponent(context.path));
      if (!existsSync(file) || !BYTES_ATTRIBUTE.test(readFileSync(file, 'utf8'))) return undefined;
      const result = await build({
        entryPoints: [file],
        bundle: true,
        format: 'esm',
        target: 'es2022',
        write: false,
        logLevel: 'silent',
        plugins: [
          {
            name: 'bytes-imports-only',
            setup(esbuildBuild) {
              esbuildBuild.onResolve({ filter: /.*/ }, (args) =>
                args.kind === 'entry-point' || args.with.type === 'bytes'
                  ? undefined
                  : { path: args.path, external: true },
              );
            },
          },
        ],
      });
      return { body: result.outputFiles[0].text, type: 'js' };
    },
  };
}
