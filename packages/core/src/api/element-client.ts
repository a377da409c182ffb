import { gatewayOf, SANDBOX_GATEWAY } from '../gateway.js';
import { languageOf } from '../i18n/localize-controller.js';
import { createApiClient, type ApiClient, type ApiClientOptions, type GatewayClock } from './client.js';

/** What the sandbox offers core: a fetch that answers the contract without a network. */
export interface SandboxTransport {
  fetch: typeof fetch;
  /** Signs a demo citizen in and returns their bearer token. */
  signIn(fiscalCode: string): string;
}

// Kept on globalThis so that every copy of Sportello on a page shares one sandbox (one town).
const LOADER = Symbol.for('sportello.sandbox.loader');
const INSTANCE = Symbol.for('sportello.sandbox.instance');
type SandboxGlobal = typeof globalThis & {
  [LOADER]?: () => Promise<SandboxTransport>;
  [INSTANCE]?: Promise<SandboxTransport>;
};

// One per gateway (the sandbox is one too): what an element's client learns of its clock, the
// clients made later, for any element going to that gateway, know.
const gatewayClocks = new Map<string, GatewayClock>();

/**
 * Tells core how to load the sandbox when an element asks for `gateway="sandbox"`. The sandbox
 * package registers itself (`@sportello/sandbox/register`); the CDN bundle does so lazily, so
 * pages that never use it never download it.
 */
export function registerSandbox(loader: () => Promise<SandboxTransport>): void {
  (globalThis as SandboxGlobal)[LOADER] ??= loader;
}

/**
 * Forgets the page's sandbox, so the next call starts a fresh town: for the kiosk at the end of a
 * citizen's session (nothing practised is left for the next person) and for tests.
 */
export function resetSandbox(): void {
  (globalThis as SandboxGlobal)[INSTANCE] = undefined;
  gatewayClocks.delete(SANDBOX_GATEWAY);
}

function sandbox(): Promise<SandboxTransport> {
  const global = globalThis as SandboxGlobal;
  const loader = global[LOADER];
  if (!loader) {
    return Promise.reject(
      new Error(
        'gateway="sandbox" needs the sandbox: load the CDN bundle or import @sportello/sandbox/register',
      ),
    );
  }
  // A failed download (offline, say) is not kept: the next call tries again.
  global[INSTANCE] ??= loader().catch((error: unknown) => {
    global[INSTANCE] = undefined;
    throw error;
  });
  return global[INSTANCE];
}

function sandboxFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  return sandbox().then((instance) => instance.fetch(input, init));
}

/**
 * Signs one of the demo citizens in to the page's sandbox and returns the token to give the
 * widgets (tutorial practice "as Mario Rossi", demos, tests).
 */
export async function signInToSandbox(fiscalCode: string): Promise<string> {
  return (await sandbox()).signIn(fiscalCode);
}

/**
 * The API client for an element: it talks to the gateway the page chose for it (see `gatewayOf`),
 * or to the sandbox, in the element's language.
 */
export function apiClientFor(
  element: Element,
  options: Omit<ApiClientOptions, 'baseUrl' | 'fetch' | 'language' | 'gatewayClock'> = {},
): ApiClient {
  const gateway = gatewayOf(element);
  const language = () => languageOf(element);
  let gatewayClock = gatewayClocks.get(gateway);
  if (!gatewayClock) gatewayClocks.set(gateway, (gatewayClock = { offset: 0 }));
  return gateway === SANDBOX_GATEWAY
    ? createApiClient({ ...options, baseUrl: '', fetch: sandboxFetch, language, gatewayClock })
    : createApiClient({ ...options, baseUrl: gateway, language, gatewayClock });
}

/**
 * A link to a document the API serves (a receipt PDF), under `filename`: the gateway's own address.
 * The sandbox has no address: following its link makes the document in the page then (its PDF
 * module is downloaded only when a practice document is asked for) and saves it. Render
 * `<a href=${link.href} download=${filename} @click=${link.follow}>`.
 */
export function documentLink(
  element: Element,
  path: string,
  filename: string,
): { href: string; follow: (event: Event) => void } {
  const gateway = gatewayOf(element);
  if (gateway !== SANDBOX_GATEWAY) return { href: `${gateway}${path}`, follow: () => {} };
  return {
    href: `#${filename}`,
    follow: (event) => {
      event.preventDefault();
      void saveFromSandbox(path, filename);
    },
  };
}

async function saveFromSandbox(path: string, filename: string): Promise<void> {
  const response = await sandboxFetch(path);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.click();
  // Kept for a minute: a browser may still be reading it after the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
