export * from './sandbox.js';
// The demo town the sandbox serves, as `@sportello/sandbox` has always offered it.
export * from '@sportello/demo-data';
