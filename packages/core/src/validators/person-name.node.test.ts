import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogueProblems, translate } from '../i18n/catalogue.js';
import { PERSON_NAME_MAX_LENGTH, validatePersonName, validationMessages } from './index.js';

const codeOf = (input: unknown) => validatePersonName(input, { field: 'givenName' }).problems[0]?.code;

describe('validatePersonName', () => {
  it('accepts names as people write them, in any script', () => {
    for (const name of [
      'Anna Maria',
      'D’Angelo',
      "D'Angelo",
      'J. R. R.',
      'Müller-Lüdenscheidt',
      'Ζωή',
      'Олена',
      'محمد',
      '李',
      'Nguyễn Thị Minh Khai',
      'O’Neill',
      'Jean-Luc',
      'ﬃona', // a ligature is a letter
      'José', // an accent typed apart (e + U+0301) joins its letter
      'a'.repeat(PERSON_NAME_MAX_LENGTH),
    ]) {
      const checked = validatePersonName(name);
      assert.equal(checked.valid, true, `${name}: ${JSON.stringify(checked.problems)}`);
    }
    assert.equal(validatePersonName('  Maria  ').value, 'Maria', 'trimmed');
    assert.equal(validatePersonName('José').value, 'José', 'composed');
  });

  it('refuses the phishing salutation of the issue, and anything that reads as an address', () => {
    const phishing = 'URGENTE: paghi la sanzione su https://evil.example/pagopa';
    const checked = validatePersonName(phishing, { field: 'givenName' });
    assert.equal(checked.valid, false);
    assert.deepEqual(checked.problems, [
      {
        field: 'givenName',
        code: 'address',
        severity: 'error',
        messageKey: 'validation.personName.address',
      },
    ]);
    for (const address of [
      'multe-pagopa.it',
      'evil.example',
      'Paga su www.multe',
      'https://x',
      'mario@example.it',
      'Mario Rossi pagopa.gov.it',
    ]) {
      assert.equal(codeOf(address), 'address', address);
    }
  });

  it('refuses digits, of any script', () => {
    assert.equal(codeOf('Mario 2'), 'digit');
    assert.equal(codeOf('Maria٣'), 'digit', 'an Arabic-Indic digit');
    assert.equal(codeOf('Ⅻ'), 'digit', 'a Roman numeral character');
  });

  it('refuses control and bidirectional characters, which reorder or hide what the email says', () => {
    for (const invisible of [
      '\u202E', // right-to-left override
      '\u202A',
      '\u202D',
      '\u2066', // isolates
      '\u2069',
      '\u200E', // marks
      '\u200F',
      '\u200B', // zero-width space
      '\u00AD', // soft hyphen
      '\n',
      '\t',
      '\u0000',
    ]) {
      const name = `Mar${invisible}ia`;
      assert.equal(codeOf(name), 'invisible', JSON.stringify(name));
    }
  });

  it('refuses what a name does not contain, naming the character', () => {
    const checked = validatePersonName('Mario!');
    assert.deepEqual(checked.problems[0]?.params, { character: '!' });
    assert.equal(checked.problems[0]?.code, 'character');
    for (const name of ['Mario/Rossi', 'Mario_Rossi', 'Mario;', '<b>Mario</b>', 'Mario😀']) {
      assert.equal(codeOf(name), 'character', name);
    }
  });

  it('takes a dot only after an initial', () => {
    assert.equal(codeOf('Maria.'), 'dot');
    assert.equal(codeOf('. Maria'), 'dot');
    assert.equal(codeOf('J.. R.'), 'dot');
    assert.equal(validatePersonName('Jean-P. Sartre').valid, true);
  });

  it('wants a name: not empty, some letters, at most the limit', () => {
    assert.equal(codeOf(''), 'required');
    assert.equal(codeOf('   '), 'required');
    assert.equal(codeOf(undefined), 'required');
    assert.equal(codeOf("' -"), 'letter');
    const long = validatePersonName('a'.repeat(PERSON_NAME_MAX_LENGTH + 1));
    assert.equal(long.problems[0]?.code, 'length');
    assert.deepEqual(long.problems[0]?.params, { max: 60, count: 61 });
  });

  it('says each problem in Italian and in English, in plain words', async () => {
    assert.deepEqual(await catalogueProblems(validationMessages), []);
    const { problems } = validatePersonName('multe-pagopa.it');
    assert.equal(
      translate(validationMessages, 'it', problems[0]!.messageKey),
      'Niente indirizzi web o email: scrivi solo come ti chiami.',
    );
    assert.equal(
      translate(validationMessages, 'en', problems[0]!.messageKey),
      'No web or email addresses: write only your name.',
    );
  });
});
