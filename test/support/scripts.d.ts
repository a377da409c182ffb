// Types for the plain-JavaScript scripts the tests import.
declare module '*/scripts/chromium.mjs' {
  export const CHROMIUM_ARGS: string[];
  export function chromiumPath(): string;
  export function findChromium(): string | undefined;
}
declare module '*/scripts/demo-server.mjs' {
  export const STRICT_CSP: string;
  export function startDemoServer(options?: {
    root?: string;
    port?: number;
    host?: string;
    mounts?: Record<string, string>;
    csp?: boolean;
  }): Promise<{ url: string; close(): Promise<void> }>;
}
