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

const HEX_CODES = new Uint8Array([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102]);

/**
 * Writes a fresh UUIDv7 as its 36 ASCII characters into `target` at `at`: createUuidV7's id without
 * making a string (the load engine writes ids straight into the request's head).
 */
export function writeUuidV7(target: Uint8Array, at: number, unixMs: number): void {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  scratch.set(pool.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  const bytes = stampV7(scratch, unixMs);
  let position = at;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) target[position++] = 0x2d; // -
    const byte = bytes[i]!;
    target[position++] = HEX_CODES[byte >> 4]!;
    target[position++] = HEX_CODES[byte & 15]!;
  }
}

// Webhooks are created in the year before the seeded runs' epoch (2025), so a subscription always exists
// before the deliveries of any seeded or real-time run.
const WEBHOOKS_CREATED_FROM_MS = Date.UTC(2024, 0, 1);
const YEAR_MS = 365 * 86_400_000;

function fnv1a(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/**
 * When the webhook sending to a URL was created: a moment of 2024 derived from the seed and the URL, the
 * time the subscription id carries (CAP: 01a0e461-30e6, half an hour before its delivery's message id).
 */
export function computeWebhookCreatedMs(url: string, seed = ''): number {
  const high = fnv1a(`${seed}|${url}|created`);
  const low = fnv1a(`${url}|${seed}|created`);
  return WEBHOOKS_CREATED_FROM_MS + ((high * 4096 + (low % 4096)) % YEAR_MS);
}

/** `x-webhook-subscription-id` for a target URL: the same for every command that sends to it with a seed. */
export function createSubscriptionId(url: string, seed = ''): string {
  return createStableUuidV7(`${seed}|${url}`, computeWebhookCreatedMs(url, seed));
}

/** How long systeme.io took from an event to its message, and from the message to the attempt. */
export interface DeliveryGaps {
  readonly eventToMessageMs: number;
  readonly messageToAttemptMs: number;
}

/**
 * The gaps of delivery `index`, deterministic for a seed: 300-1500 ms from the event to the message id's
 * time, 60-400 ms from the message to the attempt (CAP: event :27, message id 28.155, attempt id 28.307).
 * Senders stamp the attempt with the real send time and date the message and the event back from it.
 */
export function computeDeliveryGaps(index: number, seed = ''): DeliveryGaps {
  const h = fnv1a(`${seed}|${index}|gaps`);
  return { eventToMessageMs: 300 + (h % 1201), messageToAttemptMs: 60 + (Math.floor(h / 1201) % 341) };
}

/**
 * A UUIDv7 that is always the same for the same name: used for `x-webhook-subscription-id`, which is
 * stable per target URL, as a real webhook subscription's id is.
 */
export function createStableUuidV7(name: string, unixMs: number): string {
  const digest = createHash('sha256').update(name).digest();
  return formatUuid(stampV7(new Uint8Array(digest.subarray(0, 16)), unixMs));
}
