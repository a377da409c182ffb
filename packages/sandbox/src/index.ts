export * from './sandbox.js';
export * from './demo-data.js';
