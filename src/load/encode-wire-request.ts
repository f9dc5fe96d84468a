import { formatAtomDate } from '../encode/atom-date.js';
import { UsageError } from '../errors.js';
import { writeUuidV7 } from '../wire/uuid-v7.js';
import type { LoadWireRequest } from './run-load.js';
import type { ByteSink } from '../catalog/compile-template.js';

/**
 * A request as the socket transport writes it, built from bytes rather than strings: the body is
 * rendered straight into a slab, and the head in front of it is a copy of bytes encoded once per
 * trigger with slots for the five values a delivery changes (signature, two ids, two dates, all of a
 * fixed length) and the content length at its end.
 */

/** What a delivery fills in per request, by header name, and how long each value always is. */
const SLOTS = {
  'x-webhook-signature': 64,
  'x-webhook-delivery-attempt-timestamp': 25,
  'x-webhook-delivery-attempt-id': 36,
  'x-webhook-event-timestamp': 25,
  'x-webhook-message-id': 36,
} as const;
type SlotName = keyof typeof SLOTS;

const HEADER_FORBIDDEN = /[\r\n\0]/;
// Room for `content-length: ` digits (a body under 10 GB) and the blank line.
const TAIL_ROOM = 10 + 4;

/** One trigger's head: its bytes up to `content-length: `, and where each slot starts (-1: absent). */
export interface HeadTemplate {
  readonly bytes: Buffer;
  readonly slots: Readonly<Record<SlotName, number>>;
  /** The most bytes the head can take: the body starts this far into its region. */
  readonly room: number;
}

/**
 * Encodes a trigger's head once: the prefix, then `headers` (a flat name/value list in the order they
 * go out; the values of slot headers are placeholders of the right length), then `content-length: `.
 * @example buildHeadTemplate('POST /hook HTTP/1.1\r\nhost: 127.0.0.1:3000\r\n', ['user-agent', 'Symfony'])
 */
export function buildHeadTemplate(prefix: string, headers: readonly string[]): HeadTemplate {
  let text = prefix;
  const slots: Record<SlotName, number> = {
    'x-webhook-signature': -1,
    'x-webhook-delivery-attempt-timestamp': -1,
    'x-webhook-delivery-attempt-id': -1,
    'x-webhook-event-timestamp': -1,
    'x-webhook-message-id': -1,
  };
  for (let k = 0; k + 1 < headers.length; k += 2) {
    const name = headers[k]!;
    const value = headers[k + 1]!;
    if (HEADER_FORBIDDEN.test(name) || HEADER_FORBIDDEN.test(value)) {
      throw new UsageError(
        `Failed to prepare the ${name} header: it holds a line break or NUL, which would end the head early. Remove it from the template or trigger.`,
        'BAD_OPTION',
      );
    }
    text += name + ': ';
    if (name in SLOTS) {
      const slot = name as SlotName;
      if (value.length !== SLOTS[slot]) throw new Error(`Failed to build a head template: ${name} is not ${SLOTS[slot]} characters long.`);
      slots[slot] = Buffer.byteLength(text, 'utf8');
    }
    text += value + '\r\n';
  }
  text += 'content-length: ';
  // The fixed parts are ASCII in practice (names, ids, the host); a template's odd event name goes as UTF-8.
  const bytes = Buffer.from(text, 'utf8');
  return { bytes, slots, room: bytes.length + TAIL_ROOM };
}

/** The values of one request's slots; absent slots of the template are skipped. */
export interface SlotValues {
  signature: string | undefined;
  attemptMs: number;
  eventMs: number;
  /** When the message was created: the time its fresh message id carries. */
  messageMs: number;
}

function writeAsciiAt(target: Uint8Array, at: number, text: string): void {
  for (let i = 0; i < text.length; i++) target[at + i] = text.charCodeAt(i);
}

function countDigits(value: number): number {
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  return digits;
}

/**
 * Writes the head of a request whose body lies in `buf` from `bodyStart` to `bodyEnd`, ending right
 * where the body starts (the region leaves `template.room` bytes before it); returns where the head starts.
 */
export function writeHeadBefore(buf: Uint8Array, bodyStart: number, bodyEnd: number, template: HeadTemplate, values: SlotValues): number {
  const length = bodyEnd - bodyStart;
  const digits = countDigits(length);
  const start = bodyStart - template.bytes.length - digits - 4;
  buf.set(template.bytes, start);
  const { slots } = template;
  if (slots['x-webhook-signature'] !== -1 && values.signature !== undefined)
    writeAsciiAt(buf, start + slots['x-webhook-signature'], values.signature);
  if (slots['x-webhook-delivery-attempt-timestamp'] !== -1)
    writeAsciiAt(buf, start + slots['x-webhook-delivery-attempt-timestamp'], formatAtomDate(values.attemptMs));
  if (slots['x-webhook-delivery-attempt-id'] !== -1) writeUuidV7(buf, start + slots['x-webhook-delivery-attempt-id'], values.attemptMs);
  if (slots['x-webhook-event-timestamp'] !== -1)
    writeAsciiAt(buf, start + slots['x-webhook-event-timestamp'], formatAtomDate(values.eventMs));
  if (slots['x-webhook-message-id'] !== -1) writeUuidV7(buf, start + slots['x-webhook-message-id'], values.messageMs);
  let at = bodyStart - 4;
  let rest = length;
  do {
    buf[--at] = 48 + (rest % 10);
    rest = Math.floor(rest / 10);
  } while (rest > 0);
  buf[bodyStart - 4] = 13;
  buf[bodyStart - 3] = 10;
  buf[bodyStart - 2] = 13;
  buf[bodyStart - 1] = 10;
  return start;
}

/**
 * A request as its wire bytes. Its ids are read back from its head when asked for (the delivery log
 * asks; a run without a log never does), so no id string is made per request.
 */
export class WireRequest implements LoadWireRequest {
  constructor(
    readonly trigger: string,
    readonly wire: Buffer,
    /** Where the ids start in `wire` (-1: no such header), or the id itself when the head has none. */
    private readonly messageAt: number | string,
    private readonly attemptAt: number,
  ) {}

  get messageId(): string {
    const at = this.messageAt;
    return typeof at === 'string' ? at : this.wire.toString('latin1', at, at + 36);
  }

  get attemptId(): string | null {
    const at = this.attemptAt;
    return at === -1 ? null : this.wire.toString('latin1', at, at + 36);
  }
}

// Requests are laid out one after another in slabs of this size. A slab is never written again once
// its requests are out: a request's bytes must hold until its write (and a possible replay on a stale
// keep-alive socket) is done, which the builder cannot see; the garbage collector frees old slabs.
const SLAB_BYTES = 256 * 1024;
// A region is started only where a body of this size still fits; a bigger body grows into its own buffer.
const BODY_ROOM = 16 * 1024;

/**
 * Hands out regions for requests: `sink` positioned `room` bytes into free space, where a body is then
 * rendered, and `commit` once the request is laid out, which moves past it.
 */
export class RequestSlabs {
  private slab: Buffer = Buffer.allocUnsafeSlow(SLAB_BYTES);
  private used = 0;
  readonly sink: ByteSink = { buf: this.slab, pos: 0 };

  /** Positions the sink for a body whose head needs up to `room` bytes before it; returns the body's start. */
  begin(room: number): number {
    if (this.used + room + BODY_ROOM > this.slab.length) {
      this.slab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, room + BODY_ROOM));
      this.used = 0;
    }
    this.sink.buf = this.slab;
    this.sink.pos = this.used + room;
    return this.sink.pos;
  }

  /** The request now ends at the sink's position: the next one starts after it. */
  commit(): void {
    if (this.sink.buf === this.slab) this.used = this.sink.pos;
    // The body outgrew the slab and was moved to a buffer of its own, which the request keeps: the
    // slab's free space is still free.
  }
}
