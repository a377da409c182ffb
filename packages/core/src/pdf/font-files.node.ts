// The font files in Node (the gateway, the tests): read from the @fontsource packages on disk.
// `#pdf-font-files` in core's package.json picks this module under the `node` condition.
/// <reference types="node" />
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { FontFamilyName, FontFileName } from './fonts.js';

const require = createRequire(import.meta.url);

export function loadFontFile(family: FontFamilyName, file: FontFileName): Promise<Uint8Array> {
  return readFile(require.resolve(`@fontsource/${family}/files/${file}.woff`));
}
