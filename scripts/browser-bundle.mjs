// How Sportello is bundled for browsers: one minified ES module per entry (lit inlined), lazily
// loaded parts (sandbox, QR encoder, scanner) split into chunks. The CDN bundle is built this way,
// and so are the element modules the bench renders, so the bench measures what pages load.
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import { cssLiteralMinifier } from './css-literal-minifier.mjs';
import { tsSourceResolver } from './ts-source-resolver.mjs';

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
    ],
    output: { dir, format: 'es', entryFileNames, chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
  };
}
