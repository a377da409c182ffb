import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';

it('every package has the lockstep version, and core reports it to define()', () => {
  const core = JSON.parse(readFileSync('packages/core/package.json', 'utf8')).version;
  for (const name of ['core', 'sportello']) {
    assert.equal(JSON.parse(readFileSync(`packages/${name}/package.json`, 'utf8')).version, core, name);
  }
  assert.match(readFileSync('packages/core/src/version.ts', 'utf8'), new RegExp(`VERSION = '${core}'`));
});
