import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coreMessages } from '../messages.js';
import { validationMessages } from '../validators/messages.js';
import { catalogueProblems, defineCatalogue, toLanguage, translate, type Catalogue } from './catalogue.js';

describe('message catalogues', () => {
  it('core and its validators have every key in Italian and English, with the same placeholders', async () => {
    assert.deepEqual(await catalogueProblems(coreMessages), []);
    assert.deepEqual(await catalogueProblems(validationMessages), []);
  });

  it('catalogueProblems names a missing key, an extra key and a changed placeholder', async () => {
    const broken = {
      it: { a: 'Uno {count}', b: 'Due', c: 'Tre' },
      en: { a: 'One {total}', c: '', d: 'Four' },
    } as unknown as Catalogue;
    assert.deepEqual(await catalogueProblems(broken), [
      'en: placeholders of "a" differ from Italian',
      'en: missing "b"',
      'en: empty "c"',
      'en: "d" is not in the Italian source',
    ]);
  });

  it('translates with placeholders and plural functions, falling back to Italian', () => {
    const catalogue = defineCatalogue({
      it: {
        hello: 'Ciao {name}',
        places: (p: { count: number }) => (p.count === 1 ? '1 posto' : `${p.count} posti`),
      },
      en: {
        hello: 'Hello {name}',
        places: (p: { count: number }) => (p.count === 1 ? '1 place' : `${p.count} places`),
      },
    });
    assert.equal(translate(catalogue, 'en', 'hello', { name: 'Ada' }), 'Hello Ada');
    assert.equal(translate(catalogue, 'it', 'places', { count: 3 }), '3 posti');
    assert.equal(translate(catalogue, 'en', 'places', { count: 1 }), '1 place');
  });

  it('maps language tags to a supported language, Italian when unsupported', () => {
    assert.equal(toLanguage('en-GB'), 'en');
    assert.equal(toLanguage('EN'), 'en');
    assert.equal(toLanguage('it_IT'), 'it');
    assert.equal(toLanguage('de'), 'it');
    assert.equal(toLanguage(''), 'it');
    assert.equal(toLanguage(null), 'it');
  });
});
