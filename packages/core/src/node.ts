// `@sportello/core/node`: the part of core that needs no DOM and never loads Lit, for the gateway,
// scripts and anything else outside a page. `.dependency-cruiser.mjs` keeps it that way (nothing
// here may reach lit) and keeps the gateway on this entry, `/contract` and `/validators`.
export * from './clock.js';
export * from './format.js';
export * from './i18n/catalogue.js';
export * from './random-uuid.js';
export * from './version.js';
export * from './validators/index.js';
export * from './api/index.js';
// Both name a `problem` builder: here, as on a server, it is the contract's problem+json one (a
// validator's own stays at `@sportello/core/validators`).
export { problem } from './api/index.js';
