// How Sportello is bundled for browsers: one minified ES module per entry (lit inlined), lazily
// loaded parts (sandbox, QR encoder, scanner) split into chunks. The CDN bundle is built this way,
// and so are the element modules the bench renders, so the bench measures what pages load.
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import MagicString from 'magic-string';
import esbuild from 'rollup-plugin-esbuild';
import { cssLiteralMinifier } from './css-literal-minifier.mjs';
import { tsSourceResolver } from './ts-source-resolver.mjs';

/** V8's explicit compile hint: see compileEntriesEagerly. */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

export function browserBundle({ input, dir, entryFileNames }) {
  return {
    input,
    // Lazy chunks import shared code from the entry itself; letting the entry export a few extra
    // names for them keeps it one file instead of a facade plus a chunk.
    preserveEntrySignatures: 'allow-extension',
    plugins: [
      tsSourceResolver(),
      nodeResolve({ browser: true, exportConditions: ['source', 'production'] }),
      commonjs(),
      cssLiteralMinifier(),
      esbuild({ target: 'es2022', tsconfig: 'tsconfig.base.json', minify: true, legalComments: 'none' }),
      compileEntriesEagerly(),
    ],
    output: { dir, format: 'es', entryFileNames, chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
  };
}

/**
 * Puts V8's explicit compile hint (Chrome, Edge and other Chromium browsers from 136; other
 * engines ignore it) at the top of each entry: every function in it is compiled on a background
 * thread while the file downloads, instead of one at a time on the main thread the first time each
 * runs. An element's first render runs most of the entry (lit, core, the element's class, its first
 * step), and compiling it lazily took the main thread about as long as laying the element out (a
 * trace at 4x slowdown); `npm run bench` measures the CDN bundle with and without the hint. The
 * lazy chunks keep V8's default: they load when needed, and only part of them runs then. Added
 * after the minifier, which strips comments, hence a plugin and not a banner.
 */
function compileEntriesEagerly() {
  return {
    name: 'compile-entries-eagerly',
    renderChunk: {
      order: 'post',
      handler(code, chunk) {
        if (!chunk.isEntry) return null;
        const output = new MagicString(code).prepend(`${COMPILE_HINT}\n`);
        return { code: output.toString(), map: output.generateMap({ hires: 'boundary' }) };
      },
    },
  };
}
