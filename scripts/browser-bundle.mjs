// How Sportello is bundled for browsers: minified ES modules (lit inlined), each lazily loaded part
// (an element's module, the sandbox, the QR encoder, the scanner) a file of its own, the code
// several of them share in chunks. The CDN build (rollup.config.mjs) is built this way, and so are
// the modules the bench renders, so the bench measures what pages load.
import { basename, posix } from 'node:path';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import MagicString from 'magic-string';
import esbuild from 'rollup-plugin-esbuild';
import { cssLiteralMinifier } from './css-literal-minifier.mjs';
import { importBytes } from './import-bytes.mjs';
import { tsSourceResolver } from './ts-source-resolver.mjs';

/** V8's explicit compile hint: see compileFirstRenderEagerly. */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/**
 * `input` is an entry file or a map of output names to entry files. `elementModules`, for the CDN
 * build: the file holding the loader's table of element modules (see publishElementModules); the
 * code they share then goes in one chunk (see sharedChunk).
 */
export function browserBundle({ input, dir, entryFileNames = '[name].js', elementModules }) {
  return {
    input,
    // Lazy chunks import shared code from an entry itself; letting the entry export a few extra
    // names for them keeps it one file instead of a facade plus a chunk.
    preserveEntrySignatures: 'allow-extension',
    plugins: [
      ...(elementModules ? [publishElementModules(elementModules)] : []),
      tsSourceResolver(),
      importBytes(),
      nodeResolve({ browser: true, exportConditions: ['source', 'production'] }),
      commonjs(),
      // pdf-lib's metrics of the standard PDF fonts are JSON modules.
      json(),
      cssLiteralMinifier(),
      esbuild({
        target: 'es2022',
        // es2022 would drop `with { type: 'bytes' }` before importBytes sees it.
        supported: { 'import-attributes': true },
        tsconfig: 'tsconfig.base.json',
        minify: true,
        legalComments: 'none',
      }),
      parallelDownloads(),
      compileFirstRenderEagerly(),
    ],
    output: {
      dir,
      format: 'es',
      entryFileNames,
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
      ...(elementModules ? { manualChunks: sharedChunk() } : {}),
    },
  };
}

const ELEMENT_MODULE = '\0sportello-element:';

/**
 * Turns each module the loader's table imports (`() => import('@sportello/payment/payment')` in
 * `tableFile`) into an entry of the build, `elements/payment.js` (named after the module's last
 * segment), which the loader imports and which a page can load on its own to define that element
 * at once. Each registers the sandbox before its element module runs, so that `gateway="sandbox"`
 * works however the element came, without the loader importing core (which would put core's API
 * client in the loader, downloaded by every page), and before the element's first call to the API
 * (registering in parallel with the element would race it).
 */
function publishElementModules(tableFile) {
  const table = tableFile.replace(/\\/g, '/');
  const emitted = new Set();
  return {
    name: 'publish-element-modules',
    async resolveDynamicImport(specifier, importer) {
      if (typeof specifier !== 'string' || !importer?.replace(/\\/g, '/').endsWith(table)) return null;
      const id = `${ELEMENT_MODULE}${specifier}`;
      if (!emitted.has(id)) {
        emitted.add(id);
        this.emitFile({ type: 'chunk', id, fileName: `elements/${basename(specifier)}.js` });
      }
      return id;
    },
    async resolveId(source, importer) {
      if (source.startsWith(ELEMENT_MODULE)) return source;
      // The wrapper's imports resolve as the table's would.
      if (importer?.startsWith(ELEMENT_MODULE)) return this.resolve(source, tableFile, { skipSelf: true });
      return null;
    },
    load(id) {
      if (!id.startsWith(ELEMENT_MODULE)) return null;
      const specifier = id.slice(ELEMENT_MODULE.length);
      return `import '@sportello/sandbox/register';\nexport * from '${specifier}';\n`;
    },
  };
}

/**
 * Puts the code of libraries (lit), core and the sandbox's registration that two users load at once
 * (elements of two packages, or an element and core's API entry) in one chunk,
 * `chunks/shared-*.js`, and leaves the rest with the elements that use it. Left to itself, rollup makes a chunk of each set of entries
 * that share a module: a dozen files for the payment widget alone, most of a few hundred bytes,
 * each one more request and one more module for the browser to fetch, compile and link. At 4x CPU
 * slowdown the payment widget took 1.19 times the all-in-one bundle's time to render from those,
 * 1.08 times from six files, for about the same bytes. An element package's own code is never put
 * there: a page with only the booking widget does not download the payment widget because another
 * element embeds it.
 */
function sharedChunk() {
  let users;
  return (id, { getModuleIds, getModuleInfo }) => {
    users ??= usersOfModules(getModuleIds, getModuleInfo);
    if (!/[/\\]node_modules[/\\]|[/\\]packages[/\\](core|sandbox)[/\\]/.test(id)) return undefined;
    return (users.get(id)?.size ?? 0) >= 2 ? 'shared' : undefined;
  };
}

/**
 * For each module, who needs it at once: the packages of the element modules that import it
 * statically (however indirectly), and the build's other entries (core's API) that do.
 */
function usersOfModules(getModuleIds, getModuleInfo) {
  const users = new Map();
  const visit = (id, user) => {
    const set = users.get(id) ?? new Set();
    if (set.has(user)) return;
    set.add(user);
    users.set(id, set);
    for (const imported of getModuleInfo(id)?.importedIds ?? []) visit(imported, user);
  };
  for (const id of getModuleIds()) {
    if (id.startsWith(ELEMENT_MODULE)) visit(id, id.slice(ELEMENT_MODULE.length).split('/')[1]);
    else if (getModuleInfo(id)?.isEntry) visit(id, id);
  }
  return users;
}

/**
 * Starts downloading, with a module loaded on demand, the chunks it imports statically that are
 * not loaded yet: `import("./elements/payment.js")` becomes
 * `(import("../chunks/shared-….js").catch(()=>{}),import("./elements/payment.js"))`. Without it
 * the browser finds those imports only once the module has arrived and been parsed, a round trip
 * later; for an element the loader loads, that is the shared chunk, the largest file of its first
 * render. Each chunk still runs after the chunks it imports, and an import whose chunk fails to
 * arrive fails as before (the early one's failure is left to it).
 */
function parallelDownloads() {
  return {
    name: 'parallel-downloads',
    renderChunk: {
      order: 'post',
      handler(code, chunk, _options, { chunks }) {
        const loaded = staticClosure(chunk.fileName, chunks);
        const output = new MagicString(code);
        for (const match of code.matchAll(/\bimport\(\s*(["'])(\.{1,2}\/[^"']+)\1\s*\)/g)) {
          const target = posix.join(posix.dirname(chunk.fileName), match[2]);
          if (!chunks[target]) continue;
          const early = [...staticClosure(target, chunks)].filter(
            (file) => file !== target && !loaded.has(file),
          );
          if (!early.length) continue;
          const starts = early.map((file) => `import("${modulePath(chunk.fileName, file)}").catch(()=>{})`);
          output.overwrite(match.index, match.index + match[0].length, `(${starts.join(',')},${match[0]})`);
        }
        if (!output.hasChanged()) return null;
        return { code: output.toString(), map: output.generateMap({ hires: 'boundary' }) };
      },
    },
  };
}

/** `file` and the chunks it imports statically, however indirectly (file names as rollup has them). */
function staticClosure(file, chunks) {
  const closure = new Set();
  const visit = (name) => {
    if (closure.has(name)) return;
    closure.add(name);
    for (const imported of chunks[name]?.imports ?? []) visit(imported);
  };
  visit(file);
  return closure;
}

/** The specifier that `from` imports `to` by, both paths from the output folder. */
function modulePath(from, to) {
  const path = posix.relative(posix.dirname(from), to);
  return path.startsWith('.') ? path : `./${path}`;
}

/**
 * Puts V8's explicit compile hint (Chrome, Edge and other Chromium browsers from 136; other
 * engines ignore it) at the top of each entry and of every chunk an entry imports statically:
 * every function in them is compiled on a background thread while the file downloads, instead of
 * one at a time on the main thread the first time each runs. An element's first render runs most
 * of its module's code (lit, core, the element's class, its first step), and compiling it lazily
 * took the main thread about as long as laying the element out (a trace at 4x slowdown);
 * `npm run bench` measures it with and without the hint. Chunks loaded only on demand (the sandbox,
 * the QR encoder, the scanner, an element's later steps) keep V8's default: only part of them runs
 * then. Added after the minifier, which strips comments, hence a plugin and not a banner.
 */
function compileFirstRenderEagerly() {
  return {
    name: 'compile-first-render-eagerly',
    renderChunk: {
      order: 'post',
      handler(code, chunk, _options, { chunks }) {
        if (!loadedWithAnEntry(chunk.fileName, chunks)) return null;
        const output = new MagicString(code).prepend(`${COMPILE_HINT}\n`);
        return { code: output.toString(), map: output.generateMap({ hires: 'boundary' }) };
      },
    },
  };
}

/** Whether `fileName` is an entry or a chunk that an entry imports statically, however indirectly. */
function loadedWithAnEntry(fileName, chunks) {
  return Object.values(chunks).some(
    (chunk) => chunk.isEntry && staticClosure(chunk.fileName, chunks).has(fileName),
  );
}
