import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { rollup } from 'rollup';
import { browserBundle, COMPILE_HINT } from './browser-bundle.mjs';

test('marks the entry, and only the entry, for V8 to compile eagerly, with its source map still lined up', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-bundle-'));
  try {
    writeFileSync(
      join(dir, 'entry.ts'),
      "export function greet(name: string): string {\n  return `ciao ${name}`;\n}\nexport const later = () => import('./later.js');\n",
    );
    writeFileSync(join(dir, 'later.ts'), 'export const answer = (n: number) => n * 2;\n');
    const config = browserBundle({
      input: join(dir, 'entry.ts'),
      dir: join(dir, 'out'),
      entryFileNames: 'entry.js',
    });
    const bundle = await rollup({ ...config, onwarn: (warning) => assert.fail(warning.message) });
    const { output } = await bundle.generate(config.output);
    await bundle.close();
    const chunks = output.filter((file) => file.type === 'chunk');
    const entry = chunks.find((chunk) => chunk.isEntry);
    const lazy = chunks.find((chunk) => !chunk.isEntry);
    assert.ok(entry && lazy, 'an entry and a lazy chunk');
    // The minifier strips comments: the hint must come after it, as the file's first line.
    assert.equal(entry.code.split('\n')[0], COMPILE_HINT);
    assert.match(entry.code.split('\n')[1], /ciao/);
    assert.ok(!lazy.code.includes(COMPILE_HINT), 'lazy chunks compile lazily');
    // The hint's line has no mappings; the code's mappings start on the next line.
    assert.ok(entry.map.mappings.startsWith(';'));
    assert.notEqual(entry.map.mappings[1], ';');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a module loaded on demand starts downloading the chunks it imports, and those chunks compile eagerly', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-bundle-'));
  try {
    // Two entries sharing a module (so it becomes a chunk of its own), one of them loaded on demand.
    writeFileSync(join(dir, 'entry.ts'), "export const load = () => import('./element.js');\n");
    writeFileSync(
      join(dir, 'element.ts'),
      "import { shared } from './shared.js';\nexport const element = shared + 1;\n",
    );
    writeFileSync(
      join(dir, 'other.ts'),
      "import { shared } from './shared.js';\nexport const other = shared + 2;\n",
    );
    writeFileSync(join(dir, 'shared.ts'), 'export const shared = Math.random();\n');
    const config = browserBundle({
      input: { entry: join(dir, 'entry.ts'), element: join(dir, 'element.ts'), other: join(dir, 'other.ts') },
      dir: join(dir, 'out'),
    });
    const bundle = await rollup({ ...config, onwarn: (warning) => assert.fail(warning.message) });
    const { output } = await bundle.generate(config.output);
    await bundle.close();
    const file = (name) => output.find((chunk) => chunk.fileName === name);
    const shared = output.find((chunk) => chunk.fileName.startsWith('chunks/shared-'));
    assert.ok(shared, 'the shared module is a chunk');
    // The entry asks for the shared chunk in the same breath as the element that imports it.
    assert.match(
      file('entry.js').code,
      new RegExp(
        `\\(import\\("\\./${shared.fileName}"\\)\\.catch\\(\\(\\)=>\\{\\}\\),import\\("\\./element\\.js"\\)\\)`,
      ),
    );
    // An entry's static import is part of its first run: compiled eagerly too.
    assert.equal(shared.code.split('\n')[0], COMPILE_HINT);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
