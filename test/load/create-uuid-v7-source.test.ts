import { describe, expect, it } from 'vitest';
import { createUuidV7Source } from '../../src/load/create-uuid-v7-source.js';

describe('createUuidV7Source', () => {
  it('makes RFC 9562 version 7 ids carrying the given millisecond, all distinct across pool refills', () => {
    const next = createUuidV7Source();
    const ms = Date.UTC(2026, 8, 27, 20, 16, 28);
    const ids = Array.from({ length: 1000 }, () => next(ms));
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
    }
    expect(new Set(ids).size).toBe(1000);
  });
});
