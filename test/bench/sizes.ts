// Measures what a page downloads for an entry, the same way for Sportello and its peers: bundled
// with esbuild (minified ESM, production mode, code splitting so lazy imports stay lazy), then each
// file compressed with gzip -9 and brotli -q 11. "initial" is the entry and what it imports
// statically; "lazy" is what it loads only on demand (dynamic import()). Files already built (the
// CDN build) are measured the same way, following their imports.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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

/**
 * Measures a built entry (the CDN loader, an element's module, the all-in-one bundle): "initial" is
 * the entry and the files it imports statically, "lazy" every other file it can load, leaving out
 * what only the files `apart` names (the sandbox) load.
 */
export function measureBuilt(entry: string, apart: (file: string) => boolean = () => false): EntrySize {
  const initial = staticClosure(entry);
  const { files } = reachableFiles([entry], apart);
  return {
    initial: sizeOfFiles(initial),
    lazy: sizeOfFiles(files.filter((file) => !initial.includes(file))),
  };
}

function staticClosure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of importsOf(file).static) visit(next);
  };
  visit(entry);
  return [...seen];
}

/** The relative module paths a built file imports: statically (`import ... from`) and on demand. */
function importsOf(file: string): { static: string[]; lazy: string[] } {
  const code = readFileSync(file, 'utf8');
  const dir = dirname(file);
  const paths = (pattern: RegExp) => [...code.matchAll(pattern)].map((match) => join(dir, match[1]!));
  return {
    static: paths(/(?:\bfrom|\bimport)\s*"(\.{1,2}\/[^"]+)"/g),
    lazy: paths(/\bimport\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g),
  };
}

/**
 * Every file reachable from `entries` in a build (statically or on demand), without going through
 * the files `apart` names (the sandbox) unless reached another way; and the files only they reach.
 */
export function reachableFiles(
  entries: string[],
  apart: (file: string) => boolean,
): { files: string[]; apartFiles: string[] } {
  const walk = (starts: string[], skip: (file: string) => boolean) => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file) || skip(file)) return;
      seen.add(file);
      const { static: statics, lazy } = importsOf(file);
      for (const next of [...statics, ...lazy]) visit(next);
    };
    for (const start of starts) visit(start);
    return seen;
  };
  const files = walk(entries, apart);
  const all = walk(entries, () => false);
  return { files: [...files], apartFiles: [...all].filter((file) => !files.has(file)) };
}

/** Sizes of built files, summed. */
export function sizeOfFiles(files: string[]): Size {
  return files.reduce((sum, file) => add(sum, sizeOf(readFileSync(file))), ZERO);
}
