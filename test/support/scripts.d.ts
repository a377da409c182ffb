// Types for the plain-JavaScript scripts the tests import.
declare module '*/scripts/chromium.mjs' {
  export const CHROMIUM_ARGS: string[];
  export function chromiumPath(): string;
  export function findChromium(): string | undefined;
}
