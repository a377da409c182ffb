import assert from 'node:assert/strict';
import { it } from 'node:test';
import { catalogueProblems } from '@sportello/core';
import { paymentMessages } from './messages.js';

it('the payment catalogue has every message in Italian and English, with the same placeholders', () => {
  assert.deepEqual(catalogueProblems(paymentMessages), []);
});
