import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cssLiteralMinifier, minifyCss } from './css-literal-minifier.mjs';

test('drops comments and the whitespace CSS does not need', () => {
  assert.equal(
    minifyCss(`
      /* the host */
      :host {
        display: block;
        border: 2px solid var(--_color-border);
      }
      .actions button,
      a :hover {
        margin: 0;
      }
    `),
    ':host{display: block;border: 2px solid var(--_color-border)}.actions button, a :hover{margin: 0}',
  );
});

test('minifies static css literals and leaves literals with holes as they are', () => {
  const source = 'const a = css`\n  p {\n    margin: 0;\n  }\n`;\nconst b = css`:host { ${tokens} }`;';
  const { code } = cssLiteralMinifier().transform(source, 'styles.ts');
  assert.equal(code, 'const a = css`p{margin: 0}`;\nconst b = css`:host { ${tokens} }`;');
});
