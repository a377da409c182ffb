import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is asking, for handlers that need it beyond the contract's input: the client's address (the
 * proxy's X-Forwarded-For when TRUST_PROXY says so) keys the limit on wrong manage codes.
 */
export interface RequestClient {
  ip: string;
  /** Demo mode: the visitor's id from their cookie, to pay their own copy of the demo notices (payments.ts). */
  demoVisitor?: string;
}

export const requestClient = new AsyncLocalStorage<RequestClient>();
