// `@sportello/core/contract`: the contract at run time, for implementations (gateway, sandbox,
// a municipality's own adapter written in JavaScript) and the contract test suite.
export * from './booking.js';
export * from './contract.js';
export * from './contract-schemas.js';
export * from './contract-server.js';
export * from './feedback.js';
export * from './payments.js';
export * from '../validators/catalogue.js';
