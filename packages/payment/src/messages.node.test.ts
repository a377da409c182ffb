import assert from 'node:assert/strict';
import { it } from 'node:test';
import { catalogueProblems } from '@sportello/core';
import { paymentMessages } from './messages.js';
import { catalogueMessages } from './payment-catalogue/messages.js';

it('the payment catalogue has every message in Italian and English, with the same placeholders', () => {
  assert.deepEqual(catalogueProblems(paymentMessages), []);
});

it('the payment catalogue element’s messages are complete in Italian and English', () => {
  assert.deepEqual(catalogueProblems(catalogueMessages), []);
});
