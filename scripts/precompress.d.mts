// Types of precompress.mjs, for the tests that make precompressed files as the build does.
import type { Plugin } from 'rollup';

export const PRECOMPRESS_MIN_BYTES: number;
export function precompressFile(file: string, options?: { minBytes?: number }): string[];
export function precompressed(options?: { minBytes?: number }): Plugin;
