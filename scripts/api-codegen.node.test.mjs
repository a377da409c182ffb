import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { generateApiSources } from './api-codegen.mjs';

it('the API types and validators in core are generated from the current openapi.yaml', async () => {
  for (const [file, text] of Object.entries(await generateApiSources())) {
    assert.ok(
      readFileSync(file, 'utf8') === text,
      `${file} is stale: run \`npm run generate:api\` and commit the result`,
    );
  }
});
