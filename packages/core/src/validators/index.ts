// DOM-free: importable in Node (`@sportello/core/validators`) by the gateway and by scripts.
export * from './result.js';
export * from './codice-fiscale.js';
export * from './creditor-code.js';
export * from './notice-number.js';
export * from './payment-codes.js';
export * from './person-name.js';
export * from './catalogue.js';
export * from './messages.js';
