// Types for the plain-JavaScript scripts the tests import.
declare module '*/scripts/chromium.mjs' {
  export const CHROMIUM_ARGS: string[];
  export function chromiumPath(): string;
  export function findChromium(): string | undefined;
}
declare module '*/scripts/browser-bundle.mjs' {
  import type { OutputOptions, RollupOptions } from 'rollup';
  export const COMPILE_HINT: string;
  export function browserBundle(options: {
    input: string;
    dir: string;
    entryFileNames: string;
  }): RollupOptions & {
    output: OutputOptions;
  };
}
