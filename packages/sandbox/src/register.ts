// Importing this lets elements with `gateway="sandbox"` use the sandbox; the sandbox itself is
// downloaded only when one of them first calls the API.
import { registerSandbox } from '@sportello/core';

registerSandbox(() => import('./sandbox.js').then(({ createSandbox }) => createSandbox()));
