// Core's public API for pages that load Sportello from the CDN (dist/core.js): what the old
// all-in-one bundle exported, `apiClientFor`, `signInToSandbox`, the formatters and the rest, with
// the sandbox registered so that `gateway="sandbox"` works. It defines no element: the loader
// (dist/sportello.js) does.
import '@sportello/sandbox/register';

export * from '@sportello/core';
