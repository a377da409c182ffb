export * from './offline-store.js';
export * from './outbox.js';
