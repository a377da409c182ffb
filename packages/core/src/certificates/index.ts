// DOM-free: importable in Node (`@sportello/core/certificates`) by the gateway, and in the page by
// the certificate elements and the sandbox. `.dependency-cruiser.mjs` keeps Lit out of it.
export * from './local-text.js';
export * from './kinds.js';
export * from './uses.js';
export * from './certificate-id.js';
export * from './seal.js';
export * from './registry.js';
export * from './documents.js';
export * from './request-rules.js';
