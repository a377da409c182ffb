// Brotli and gzip copies of the text files a build writes (`sportello.js.br`, `sportello.js.gz`
// beside `sportello.js`), made once at build time at the best quality, so the gateway sends them
// as they are (@fastify/static's `preCompressed`) instead of compressing the same bundle for every
// visitor. Files under a kilobyte are left alone: the headers would outweigh the saving.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// Not source maps: only developer tools fetch them, and at this quality they would triple the
// build's compression time (they are compressed as they are sent instead).
const TEXT_FILE = /\.(js|mjs|css|html|json|svg|txt|webmanifest)$/;
export const PRECOMPRESS_MIN_BYTES = 1024;

/** Writes `file.br` and `file.gz` beside `file` when it is text, large enough, and they are smaller. */
export function precompressFile(file, { minBytes = PRECOMPRESS_MIN_BYTES } = {}) {
  if (!TEXT_FILE.test(file)) return [];
  const source = readFileSync(file);
  if (source.length < minBytes) return [];
  const copies = {
    br: brotliCompressSync(source, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
      },
    }),
    gz: gzipSync(source, { level: 9 }),
  };
  const written = [];
  for (const [extension, bytes] of Object.entries(copies)) {
    // A copy no smaller than the file would only cost the reader a decompression.
    if (bytes.length >= source.length) continue;
    writeFileSync(`${file}.${extension}`, bytes);
    written.push(`${file}.${extension}`);
  }
  return written;
}

/** A rollup plugin: precompresses every file the build wrote, once it is written. */
export function precompressed(options = {}) {
  return {
    name: 'precompressed',
    writeBundle(output, bundle) {
      for (const fileName of Object.keys(bundle)) precompressFile(join(output.dir, fileName), options);
    },
  };
}
