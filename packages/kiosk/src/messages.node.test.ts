import assert from 'node:assert/strict';
import { it } from 'node:test';
import { catalogueProblems } from '@sportello/core';
import { keyboardMessages } from './keyboard/messages.js';

it('the keyboard has every word in Italian and English, with the same placeholders', async () => {
  assert.deepEqual(await catalogueProblems(keyboardMessages), []);
});
