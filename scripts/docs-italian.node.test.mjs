// The element docs in Italian (demo/docs/docs.it.json) against the class documentation itself:
// every entry a manifest has (summary, description, each attribute, property, method, event, slot,
// CSS part and CSS property) has its Italian, no Italian is left for an entry that is gone, and the
// Italian keeps the English's code spans. The manifests are made here from the sources, as
// scripts/manifests.mjs makes them, without writing them: this runs before `npm run build`.
// Also the docs' Markdown renderer (demo/docs/markdown.js).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { elementsOf, GROUPS, italianAt, textsOf } from '../demo/docs/entries.js';
import { codeSpans, parseInline, parseMarkdown, plainText } from '../demo/docs/markdown.js';

const italian = JSON.parse(readFileSync(resolve('demo/docs/docs.it.json'), 'utf8'));

async function manifestOf(name) {
  return cli({
    argv: [
      'analyze',
      '--config',
      resolve('custom-elements-manifest.config.mjs'),
      '--litelement',
      '--globs',
      'src/**/*.ts',
      '--exclude',
      'src/**/*.test.ts',
      '--quiet',
    ],
    cwd: resolve('packages', name),
    noWrite: true,
  });
}

describe('the element docs in Italian', () => {
  /** Every text of every element, `{ path, english }`. */
  let texts = [];
  before(async () => {
    for (const name of readdirSync('packages')) {
      if (!existsSync(join('packages', name, 'src'))) continue;
      for (const declaration of elementsOf(await manifestOf(name))) texts.push(...textsOf(declaration));
    }
  });

  it('finds the elements', () => {
    const tags = new Set(texts.map((text) => text.path[0]));
    for (const tag of ['sportello-payment', 'sportello-booking', 'sportello-calendar', 'sportello-qr']) {
      assert.ok(tags.has(tag), tag);
    }
  });

  it('has the Italian of every entry of every manifest', () => {
    const missing = texts
      .filter((text) => !italianAt(italian, text.path))
      .map((text) => `${JSON.stringify(text.path)}: ${text.english}`);
    assert.deepEqual(missing, [], `Add the Italian to demo/docs/docs.it.json:\n${missing.join('\n')}`);
  });

  it('has no Italian for an entry the manifests no longer have', () => {
    const wanted = new Set(texts.map((text) => JSON.stringify(text.path)));
    const stale = [];
    for (const [tag, entry] of Object.entries(italian)) {
      for (const [key, value] of Object.entries(entry)) {
        if (typeof value === 'string') {
          if (!wanted.has(JSON.stringify([tag, key]))) stale.push(JSON.stringify([tag, key]));
          continue;
        }
        assert.ok(GROUPS.includes(key), `${tag}: unknown group ${key}`);
        for (const name of Object.keys(value)) {
          if (!wanted.has(JSON.stringify([tag, key, name]))) stale.push(JSON.stringify([tag, key, name]));
        }
      }
    }
    assert.deepEqual(stale, [], 'Remove these from demo/docs/docs.it.json (or rename them)');
  });

  it('keeps the code spans of the English', () => {
    const changed = texts
      .filter((text) => italianAt(italian, text.path))
      .filter(
        (text) =>
          JSON.stringify([...codeSpans(text.english)].sort()) !==
          JSON.stringify([...codeSpans(italianAt(italian, text.path))].sort()),
      )
      .map((text) => JSON.stringify(text.path));
    assert.deepEqual(changed, []);
  });
});

describe('the docs’ Markdown', () => {
  it('turns code spans, links, bold and italics into nodes, and keeps HTML as text', () => {
    assert.deepEqual(parseInline('Set `gateway="sandbox"` and <b>x</b>'), [
      { type: 'text', text: 'Set ' },
      { type: 'code', text: 'gateway="sandbox"' },
      { type: 'text', text: ' and <b>x</b>' },
    ]);
    assert.deepEqual(parseInline('see [the **API**](/docs/#api), *now*'), [
      { type: 'text', text: 'see ' },
      {
        type: 'link',
        href: '/docs/#api',
        children: [
          { type: 'text', text: 'the ' },
          { type: 'strong', children: [{ type: 'text', text: 'API' }] },
        ],
      },
      { type: 'text', text: ', ' },
      { type: 'em', children: [{ type: 'text', text: 'now' }] },
    ]);
  });

  it('keeps a link that would run script as its text only', () => {
    assert.deepEqual(parseInline('[click](javascript:alert(1))'), [
      { type: 'text', text: '[click](javascript:alert(1))' },
    ]);
    assert.deepEqual(parseInline('[click](javascript:void)'), [{ type: 'text', text: 'click' }]);
  });

  it('reads double-backtick spans, escapes and an unclosed backtick', () => {
    assert.deepEqual(parseInline('`` a`b `` and \\` and `open'), [
      { type: 'code', text: 'a`b' },
      { type: 'text', text: ' and ` and `open' },
    ]);
    assert.deepEqual(parseInline('a * b * c and 2*3*4'), [{ type: 'text', text: 'a * b * c and 2*3*4' }]);
  });

  it('splits paragraphs at blank lines, joins wrapped lines, and reads lists', () => {
    const blocks = parseMarkdown('One\nline.\n\n- first\n  wrapped\n- `second`\n\n1. one\n2. two');
    assert.equal(blocks.length, 3);
    assert.deepEqual(blocks[0], { type: 'paragraph', children: [{ type: 'text', text: 'One line.' }] });
    assert.equal(blocks[1].type, 'list');
    assert.equal(blocks[1].ordered, false);
    assert.deepEqual(blocks[1].items, [
      [{ type: 'text', text: 'first wrapped' }],
      [{ type: 'code', text: 'second' }],
    ]);
    assert.equal(blocks[2].ordered, true);
    assert.equal(plainText(blocks), 'One line.\n\nfirst wrapped\nsecond\n\none\ntwo');
  });

  it('leaves no backtick in what a reader sees of any English or Italian entry', () => {
    const strings = [];
    const collect = (value) =>
      typeof value === 'string' ? strings.push(value) : Object.values(value).forEach(collect);
    collect(italian);
    for (const text of strings) assert.doesNotMatch(plainText(parseMarkdown(text)), /`/, text);
  });
});
