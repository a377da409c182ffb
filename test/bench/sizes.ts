// Measures what a page downloads for an entry, the same way for Sportello and its peers: bundled
// with esbuild (minified ESM, production mode, code splitting so lazy imports stay lazy), then each
// file compressed with gzip -9 and brotli -q 11. "initial" is the entry and what it imports
// statically; "lazy" is what it loads only on demand (dynamic import()).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

export interface Size {
  minified: number;
  gzip: number;
  brotli: number;
}

export interface EntrySize {
  initial: Size;
  lazy: Size;
}

const ZERO: Size = { minified: 0, gzip: 0, brotli: 0 };

export function sizeOf(code: Buffer | string): Size {
  const bytes = Buffer.from(code);
  return {
    minified: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

function add(a: Size, b: Size): Size {
  return { minified: a.minified + b.minified, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli };
}

/** Splits the output files of one entry into those loaded at once and those loaded on demand. */
function partition(metafile: Metafile, entryOutput: string): { initial: string[]; lazy: string[] } {
  const initial = new Set<string>();
  const visit = (file: string) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const imported of metafile.outputs[file]!.imports) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(entryOutput);
  const lazy = Object.keys(metafile.outputs).filter((file) => file.endsWith('.js') && !initial.has(file));
  return { initial: [...initial], lazy };
}

/** Bundles `source` (an ES module's text, resolved from the repository root) and measures it. */
export async function measureEntry(name: string, source: string, workDir: string): Promise<EntrySize> {
  const outdir = join(workDir, 'sizes', name);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const entryFile = join(workDir, 'sizes', `${name}.entry.js`);
  writeFileSync(entryFile, source);
  const result = await build({
    entryPoints: [entryFile],
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    outdir,
    metafile: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    absWorkingDir: resolve('.'),
    logLevel: 'error',
  });
  const entryOutput = Object.entries(result.metafile.outputs).find(
    ([, output]) => output.entryPoint && resolve(output.entryPoint) === resolve(entryFile),
  )![0];
  const { initial, lazy } = partition(result.metafile, entryOutput);
  const total = (files: string[]) => files.reduce((sum, file) => add(sum, sizeOf(readFileSync(file))), ZERO);
  return { initial: total(initial), lazy: total(lazy) };
}

/** Measures files already built (the CDN bundle): the entry file, and its lazy chunks. */
export function measureBuilt(entry: string, lazyChunks: string[]): EntrySize {
  return {
    initial: sizeOf(readFileSync(entry)),
    lazy: lazyChunks.reduce((sum, file) => add(sum, sizeOf(readFileSync(file))), ZERO),
  };
}
