import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomUuid } from './random-uuid.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('randomUuid', () => {
  it('makes version 4 UUIDs where crypto.randomUUID is missing, as on a page served over http', () => {
    // An insecure context has crypto.getRandomValues but not crypto.randomUUID.
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const keys = new Set(Array.from({ length: 1000 }, () => randomUuid()));
      assert.equal(keys.size, 1000, 'every key is new');
      for (const key of keys) assert.match(key, UUID_V4);
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID; // the prototype's comes back
    }
    assert.equal(typeof crypto.randomUUID, 'function');
  });
});
