// What an integrator gets from the built packages: Node imports through the exports map, types,
// manifests, and a CDN bundle with lit inside and lazily loaded parts split out.
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

  it('the CDN bundle inlines lit, registers the elements and keeps the QR encoder out', () => {
    const bundle = readFileSync('dist/sportello.js', 'utf8');
    assert.doesNotMatch(bundle, /from\s*["']lit/, 'lit is inlined, not imported');
    assert.match(bundle, /sportello-qr/);
    assert.match(
      bundle,
      /import\(["']\.\/chunks\/qr-encoder-[\w-]+\.js["']\)/,
      'the encoder is a lazy chunk',
    );
  });
});
