import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { browserBundle } from './browser-bundle.mjs';
import { serveBytesImports } from './import-bytes.mjs';

const DATA = Uint8Array.from({ length: 300 }, (_, index) => (index * 7) % 256);

function fixture() {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-bytes-'));
  writeFileSync(join(dir, 'font.woff'), DATA);
  writeFileSync(join(dir, 'other.ts'), 'export const other = 1;\n');
  writeFileSync(
    join(dir, 'entry.ts'),
    "import { other } from './other.js';\n" +
      "export const load = async (): Promise<Uint8Array> => (await import('./font.woff', { with: { type: 'bytes' } })).default;\n" +
      'export { other };\n',
  );
  return dir;
}

test('the browser build turns a lazy bytes import into a chunk of its own holding those bytes', async () => {
  const dir = fixture();
  try {
    const config = browserBundle({
      input: join(dir, 'entry.ts'),
      dir: join(dir, 'out'),
      entryFileNames: 'entry.js',
    });
    const bundle = await rollup({ ...config, onwarn: (warning) => assert.fail(warning.message) });
    const { output } = await bundle.write(config.output);
    await bundle.close();
    const lazy = output.find((file) => file.type === 'chunk' && !file.isEntry);
    assert.match(lazy.fileName, /^chunks\/font-[\w-]+\.js$/, 'named after the file');
    const { load } = await import(pathToFileURL(join(dir, 'out', 'entry.js')).href);
    assert.deepEqual(await load(), DATA);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the test runner serves a module with a bytes import bundled, its other imports left as they are', async () => {
  const dir = fixture();
  try {
    const served = await serveBytesImports({ rootDir: dir }).serve({ path: '/entry.ts' });
    assert.equal(served.type, 'js');
    assert.match(served.body, /from "\.\/other\.js"/);
    assert.ok(served.body.includes(Buffer.from(DATA).toString('base64')), 'the bytes inlined');
    assert.doesNotMatch(served.body, /import\(["']\.\/font\.woff/);
    assert.equal(await serveBytesImports({ rootDir: dir }).serve({ path: '/other.ts' }), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
