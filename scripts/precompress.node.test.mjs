// The build's precompressed copies: made for text files over a kilobyte, and decoding to the file.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompressed } from './precompress.mjs';

describe('precompressed build output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-precompress-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes brotli and gzip copies of the text files over a kilobyte, beside them', () => {
    mkdirSync(join(dir, 'chunks'));
    const bundle = `export const text = ${JSON.stringify('Prenota un appuntamento allo sportello. '.repeat(100))};\n`;
    const files = {
      'sportello.js': bundle,
      'chunks/shared-abc123.js': bundle,
      'sportello.css': 'sportello-payment{display:block}',
      'sportello.js.map': JSON.stringify({ mappings: 'AAAA;'.repeat(1000) }),
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    writeFileSync(join(dir, 'logo.png'), Buffer.alloc(4096, 7));
    const plugin = precompressed();
    plugin.writeBundle({ dir }, Object.fromEntries([...Object.keys(files), 'logo.png'].map((n) => [n, {}])));

    for (const name of ['sportello.js', 'chunks/shared-abc123.js']) {
      const file = join(dir, name);
      assert.equal(brotliDecompressSync(readFileSync(`${file}.br`)).toString(), bundle, `${name}.br`);
      assert.equal(gunzipSync(readFileSync(`${file}.gz`)).toString(), bundle, `${name}.gz`);
      assert.ok(readFileSync(`${file}.br`).length < bundle.length / 10);
    }
    for (const name of ['sportello.css', 'sportello.js.map', 'logo.png']) {
      assert.ok(!existsSync(join(dir, `${name}.br`)), `${name}: too small, a source map or not text`);
      assert.ok(!existsSync(join(dir, `${name}.gz`)), name);
    }
  });
});
