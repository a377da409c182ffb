// Written by scripts/sync-version.mjs from packages/core/package.json; do not edit by hand.
export const VERSION = '0.1.0';
