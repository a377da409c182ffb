import assert from 'node:assert/strict';
import { it } from 'node:test';
import { catalogueProblems, loadTranslation, translate } from '@sportello/core';
import { paymentMessages } from './messages.js';
import { catalogueMessages } from './payment-catalogue/messages.js';

it('the payment catalogue has every message in Italian and English, with the same placeholders', async () => {
  assert.deepEqual(await catalogueProblems(paymentMessages), []);
});

it('the payment catalogue element’s messages are complete in Italian and English', async () => {
  assert.deepEqual(await catalogueProblems(catalogueMessages), []);
});

it('says "one minute" and an amount without an upper limit in words, in both languages', async () => {
  await loadTranslation(paymentMessages, 'en');
  await loadTranslation(catalogueMessages, 'en');
  const ongoing = (language: 'it' | 'en', minutes: number) =>
    translate(paymentMessages, language, 'problem.payment-ongoing', { minutes });
  assert.match(ongoing('it', 1), /Riprova tra un minuto\.$/);
  assert.match(ongoing('it', 30), /Riprova tra 30 minuti\.$/);
  assert.match(ongoing('en', 1), /Try again in a minute\.$/);
  const noMaximum = { min: '5,00 €', max: '' };
  assert.equal(catalogueMessages.it['catalogue.enteredAmount'](noMaximum), 'Importo da 5,00 € in su');
  assert.equal(
    catalogueMessages.it['catalogue.amountRange'](noMaximum),
    'L’importo deve essere almeno 5,00 €.',
  );
  assert.match(translate(catalogueMessages, 'en', 'catalogue.amountHint', noMaximum), /^At least 5,00 €\. /);
});
