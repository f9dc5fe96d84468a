import { createHash, randomFillSync } from 'node:crypto';

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const POOLED_IDS = 256;

function formatUuid(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[bytes[i]!]!;
  }
  return s;
}

function stampV7(bytes: Uint8Array, unixMs: number): Uint8Array {
  // 48-bit big-endian millisecond timestamp, then version 7 and the RFC 9562 variant.
  let ms = Math.floor(unixMs);
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return bytes;
}

// Random bits come from a pool refilled 4 KB at a time: one randomBytes(16) per id cost ~10% of a
// full-speed load run (two ids per request). node's own randomUUID pools its entropy the same way.
const pool = new Uint8Array(16 * POOLED_IDS);
let poolOffset = pool.length;
const scratch = new Uint8Array(16);

/** A fresh UUIDv7 (RFC 9562), as systeme.io uses for message, attempt and subscription ids. */
export function createUuidV7(unixMs: number = Date.now()): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  scratch.set(pool.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  return formatUuid(stampV7(scratch, unixMs));
}

// A subscription exists before its first delivery; any fixed instant keeps the id stable per URL.
const SUBSCRIPTION_CREATED_MS = Date.UTC(2025, 0, 1);

/** `x-webhook-subscription-id` for a target URL: the same for every command that sends to it. */
export function createSubscriptionId(url: string): string {
  return createStableUuidV7(url, SUBSCRIPTION_CREATED_MS);
}

/**
 * A UUIDv7 that is always the same for the same name: used for `x-webhook-subscription-id`, which is
 * stable per target URL, as a real webhook subscription's id is.
 */
export function createStableUuidV7(name: string, unixMs: number): string {
  const digest = createHash('sha256').update(name).digest();
  return formatUuid(stampV7(new Uint8Array(digest.subarray(0, 16)), unixMs));
}
