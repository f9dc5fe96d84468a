import { describe, expect, it } from 'vitest';
import { createStableUuidV7, createUuidV7 } from '../../src/wire/uuid-v7.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('UUIDv7', () => {
  it('makes RFC 9562 version 7 ids carrying the given millisecond, all distinct across pool refills', () => {
    const ms = Date.UTC(2026, 8, 27, 20, 16, 28);
    const ids = Array.from({ length: 1000 }, () => createUuidV7(ms));
    for (const id of ids) {
      expect(id).toMatch(UUID_V7);
      expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
    }
    expect(new Set(ids).size).toBe(1000);
  });

  it('gives a stable id per name (the subscription id per target URL)', () => {
    const ms = Date.UTC(2025, 0, 1);
    const a = createStableUuidV7('http://127.0.0.1:3000/hooks', ms);
    expect(a).toMatch(UUID_V7);
    expect(createStableUuidV7('http://127.0.0.1:3000/hooks', ms)).toBe(a);
    expect(createStableUuidV7('http://127.0.0.1:3001/hooks', ms)).not.toBe(a);
    expect(a.startsWith('01941f29-7c00-7')).toBe(true);
  });
});
