// What an integrator gets from the built packages: Node imports through the exports map, types,
// manifests, and the CDN build: a loader, one module per element with lit inside and lazily loaded
// parts split out, core's API, and the stylesheet of the embed snippet.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

function runNode(code: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
}

describe('built packages', () => {
  it('@sportello/core/validators imports in plain Node and parses a printed notice code', () => {
    const output = runNode(
      "const m = await import('@sportello/core/validators');" +
        "console.log(JSON.stringify(m.parseNoticeNumber('3007 1570 0000 0000 32')));",
    );
    const result = JSON.parse(output);
    assert.equal(result.valid, true);
    assert.equal(result.fields.auxDigit, 3);
    assert.equal(result.fields.segregationCode, '00');
  });

  it('each package has ESM, type declarations and a custom-elements.json', () => {
    for (const name of ['core', 'sandbox', 'gateway', 'sportello']) {
      const manifest = JSON.parse(readFileSync(`packages/${name}/package.json`, 'utf8'));
      for (const [entry, conditions] of Object.entries<Record<string, string> | string>(manifest.exports)) {
        if (typeof conditions === 'string') continue;
        assert.ok(existsSync(`packages/${name}/${conditions.import}`), `${name} ${entry} import`);
        assert.ok(existsSync(`packages/${name}/${conditions.types}`), `${name} ${entry} types`);
      }
      assert.ok(existsSync(`packages/${name}/custom-elements.json`), `${name} manifest`);
    }
  });

  it('the CDN build: a loader free of lit, a module per element of its table, the encoder lazy', () => {
    const loader = readFileSync('dist/sportello.js', 'utf8');
    assert.doesNotMatch(loader, /\bfrom\s*["']/, 'the loader imports nothing up front');
    const table = readFileSync('packages/sportello/src/elements.ts', 'utf8');
    const modules = [...table.matchAll(/import\('@sportello\/[\w-]+\/([\w-]+)'\)/g)].map((match) => match[1]);
    assert.ok(modules.length >= 5);
    for (const name of modules) {
      assert.match(loader, new RegExp(`import\\(["']\\./elements/${name}\\.js["']\\)`), `loads ${name}`);
      const element = readFileSync(`dist/elements/${name}.js`, 'utf8');
      assert.doesNotMatch(element, /from\s*["']lit/, `${name}: lit is inlined, not imported`);
    }
    assert.match(
      readFileSync('dist/elements/qr.js', 'utf8'),
      /import\(["']\.\.\/chunks\/qr-encoder-[\w-]+\.js["']\)/,
      'the encoder is a lazy chunk',
    );
    assert.match(readFileSync('dist/core.js', 'utf8'), /signInToSandbox/);
    assert.match(readFileSync('dist/sportello.css', 'utf8'), /sportello-payment:not\(:defined/);
  });
});
