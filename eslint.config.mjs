import js from '@eslint/js';
import litA11y from 'eslint-plugin-lit-a11y';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'coverage/**',
      '**/node_modules/**',
      '.bench/**',
      'data/**',
      '**/custom-elements.json',
      // Generated from the contract by scripts/api-codegen.mjs.
      'packages/core/src/api/*.generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  wc.configs['flat/recommended'],
  wc.configs['flat/best-practice'],
  lit.configs['flat/recommended'],
  litA11y.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // Names with a leading underscore are deliberately unused (interface shapes, rest-omitted fields).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Tests assert on elements they know exist; the non-null assertion says so.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `define()` registers every element; a guard per call site would be noise.
      'wc/guard-super-call': 'off',
    },
  },
  {
    files: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals.mocha } },
    rules: {
      // chai's `expect(x).to.be.true` style reads as an unused expression.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Test elements are defined with customElements.define directly, on purpose.
      'wc/no-constructor-attributes': 'off',
    },
  },
  {
    files: ['scripts/**', 'test/**', '*.mjs', '**/*.node.test.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
