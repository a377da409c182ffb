import assert from 'node:assert/strict';
import { it } from 'node:test';
import { catalogueProblems } from '@sportello/core';
import { certificateMessages } from './certificate/messages.js';
import { stepsMessages } from './certificate/steps-messages.js';
import { verifyMessages } from './certificate-verify/messages.js';

it('the certificate element’s catalogue has every message in Italian and English, with the same placeholders', async () => {
  assert.deepEqual(await catalogueProblems(certificateMessages), []);
});

it('the catalogue of its later steps is complete in Italian and English too', async () => {
  assert.deepEqual(await catalogueProblems(stepsMessages), []);
});

it('the verify element’s catalogue has every message in Italian and English, with the same placeholders', async () => {
  assert.deepEqual(await catalogueProblems(verifyMessages), []);
});
