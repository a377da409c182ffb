// Lit styles are written as css`...` literals, which no JavaScript minifier touches: every page
// would download, and every browser parse, the indentation and comments. This drops comments and
// the whitespace CSS does not need, keeping one space wherever whitespace could matter (descendant
// combinators, `a :hover`, values like `1px solid`). Literals with `${...}` holes are left as they
// are: a hole may hold anything, even another template. Sportello's styles hold no CSS strings with
// braces, semicolons or runs of spaces in them, which this would change.
import MagicString from 'magic-string';

const CSS_LITERAL = /\bcss`([^`]*)`/g;

export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}

export function cssLiteralMinifier() {
  return {
    name: 'css-literal-minifier',
    transform(code, id) {
      if (!/\.[cm]?[jt]s$/.test(id) || !code.includes('css`')) return null;
      const output = new MagicString(code);
      for (const match of code.matchAll(CSS_LITERAL)) {
        if (match[1].includes('${')) continue;
        const start = match.index + 'css`'.length;
        output.overwrite(start, start + match[1].length, minifyCss(match[1]));
      }
      return { code: output.toString(), map: output.generateMap({ hires: true }) };
    },
  };
}
