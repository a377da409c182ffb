// Keeps packages/core/src/version.ts equal to the lockstep version in packages/core/package.json,
// so define() can tell two different copies of Sportello apart. Run by `npm run build` and
// `npm run version` (after changesets bumps the packages).
import { readFileSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('packages/core/package.json', 'utf8'));
const file = 'packages/core/src/version.ts';
const text = `// Written by scripts/sync-version.mjs from packages/core/package.json; do not edit by hand.\nexport const VERSION = '${version}';\n`;
if (readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
