import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is asking, for handlers that need it beyond the contract's input: the client's address (the
 * proxy's X-Forwarded-For when TRUST_PROXY says so) keys the limit on wrong manage codes.
 */
export interface RequestClient {
  ip: string;
}

export const requestClient = new AsyncLocalStorage<RequestClient>();
