import type { Dialect } from '../catalog/triggers.js';
import { formatAtomDate } from '../encode/atom-date.js';
import { signPayload } from '../signature/sign-payload.js';
import { getHeader, removeHeader, setHeader } from '../wire/header-list.js';
import type { HeaderList } from '../wire/headers.js';
import { findTopLevelStringValue, prettyPrintJsonText } from './json-bytes.js';

/** The receiver faults `--fault` can inject, each testing one defence of a receiver. */
export const FAULT_MODES = [
  'bad-signature',
  'wrong-secret',
  'missing-signature',
  'reserialized-body',
  'duplicate',
  'stale-timestamp',
  'pretty-body',
] as const;

export type FaultMode = (typeof FAULT_MODES)[number];

export interface FaultDescription {
  readonly mode: FaultMode;
  /** `webhooks`: needs a signature, so only webhooks-dialect triggers take it. */
  readonly dialects: readonly Dialect[];
  /** Which defence it exercises: faults of one group cannot be combined. */
  readonly group: 'signature' | 'body' | 'repeat' | 'time';
  readonly what: string;
  readonly correctReceiver: string;
}

/** What each fault sends and what a correct receiver does with it (the docs table reads this). */
export const FAULT_DESCRIPTIONS: Readonly<Record<FaultMode, FaultDescription>> = {
  'bad-signature': {
    mode: 'bad-signature',
    dialects: ['webhooks'],
    group: 'signature',
    what: 'x-webhook-signature is 64 hex characters that are not the HMAC of the body (each hex digit of the right one inverted).',
    correctReceiver: 'Rejects it (401 or 403) and does not process the event.',
  },
  'wrong-secret': {
    mode: 'wrong-secret',
    dialects: ['webhooks'],
    group: 'signature',
    what: 'The body is signed with another secret, as after a secret rotation the receiver has not caught up with.',
    correctReceiver: 'Rejects it (401 or 403); during a rotation it may accept either of the old and new secrets.',
  },
  'missing-signature': {
    mode: 'missing-signature',
    dialects: ['webhooks'],
    group: 'signature',
    what: 'No x-webhook-signature header at all.',
    correctReceiver: 'Rejects it (401 or 403): a missing signature is not a valid one.',
  },
  'reserialized-body': {
    mode: 'reserialized-body',
    dialects: ['webhooks'],
    group: 'body',
    what: 'The signature is over the PHP bytes, the body sent is JSON.stringify(JSON.parse(body)): "\\/" becomes "/", "\\u00e9" becomes "é", 0.0 becomes 0.',
    correctReceiver:
      'Rejects it: the bytes are not the signed ones. A receiver that accepts it verifies re-serialized JSON, and fails on every real systeme.io delivery whose body has a "/" or an accent.',
  },
  duplicate: {
    mode: 'duplicate',
    dialects: ['webhooks', 'automation'],
    group: 'repeat',
    what: 'Each event is delivered twice with the same x-webhook-message-id and event timestamp (new attempt id and attempt timestamp), as when systeme.io missed the first 2xx.',
    correctReceiver:
      'Answers 2xx to both and processes the event once, deduplicating on x-webhook-message-id. The automation dialect carries no id: the receiver can only compare content.',
  },
  'stale-timestamp': {
    mode: 'stale-timestamp',
    dialects: ['webhooks', 'automation'],
    group: 'time',
    what: "The event and attempt timestamps (webhooks headers) or the body's created_at (automation) are 24 hours old; the signature still matches the body.",
    correctReceiver:
      'Whatever its freshness policy says, consistently: systeme.io signs no timestamp, so the timestamps prove nothing; late retries are legitimate, and deduplication on the message id is the replay defence.',
  },
  'pretty-body': {
    mode: 'pretty-body',
    dialects: ['webhooks', 'automation'],
    group: 'body',
    what: "The body is pretty-printed as PHP's JSON_PRETTY_PRINT would (escapes kept) and signed over those exact bytes.",
    correctReceiver:
      'Accepts it: the signature matches the raw bytes. A receiver that assumes one-line JSON or re-serializes before verifying fails.',
  },
};

/** How old `stale-timestamp` makes an event. */
export const STALE_TIMESTAMP_AGE_MS = 24 * 60 * 60 * 1000;

/** A request ready to send: exact body and headers in order. */
export interface PreparedRequest {
  readonly body: string | Buffer;
  readonly headers: HeaderList;
}

export interface FaultContext {
  readonly dialect: Dialect;
  /** The real secret, needed to re-sign a pretty body. Never written anywhere. */
  readonly secret?: string | undefined;
}

const WRONG_SECRET = 'systeme-mock-wrong-secret';
const SIGNATURE = 'x-webhook-signature';

function invertHex(hex: string): string {
  return hex.replace(/[0-9a-f]/gi, (d) => (15 - parseInt(d, 16)).toString(16));
}

function textOf(body: string | Buffer): string {
  return typeof body === 'string' ? body : body.toString('utf8');
}

function shiftAtom(value: string): string {
  return formatAtomDate(Date.parse(value) - STALE_TIMESTAMP_AGE_MS);
}

/**
 * `JSON.stringify(JSON.parse(body))`: what a receiver that re-serializes sees, the bug reference §2
 * describes.
 * @example reserializeJson('{"u":"https:\\/\\/x","vat":0.0}') // '{"u":"https://x","vat":0}'
 */
export function reserializeJson(body: string | Buffer): string {
  return JSON.stringify(JSON.parse(textOf(body)));
}

/**
 * Applies one fault to a prepared request, as a pure function (the load engine reuses it). `duplicate`
 * repeats a whole delivery, so it leaves a single request unchanged.
 * @example applyFault('missing-signature', request, { dialect: 'webhooks', secret })
 */
export function applyFault(mode: FaultMode, request: PreparedRequest, context: FaultContext): PreparedRequest {
  const { body, headers } = request;
  switch (mode) {
    case 'bad-signature': {
      const right = getHeader(headers, SIGNATURE) ?? signPayload(body, WRONG_SECRET);
      return { body, headers: setHeader(headers, SIGNATURE, invertHex(right), 'x-webhook-schema-version') };
    }
    case 'wrong-secret': {
      const secret = context.secret === WRONG_SECRET ? `${WRONG_SECRET}-2` : WRONG_SECRET;
      return { body, headers: setHeader(headers, SIGNATURE, signPayload(body, secret), 'x-webhook-schema-version') };
    }
    case 'missing-signature':
      return { body, headers: removeHeader(headers, SIGNATURE) };
    case 'reserialized-body':
      return { body: reserializeJson(body), headers };
    case 'duplicate':
      return request;
    case 'pretty-body': {
      const pretty = prettyPrintJsonText(textOf(body));
      const signed = getHeader(headers, SIGNATURE) !== undefined && context.secret !== undefined;
      return { body: pretty, headers: signed ? setHeader(headers, SIGNATURE, signPayload(pretty, context.secret!)) : headers };
    }
    case 'stale-timestamp': {
      if (context.dialect === 'webhooks') {
        let shifted = headers;
        for (const name of ['x-webhook-delivery-attempt-timestamp', 'x-webhook-event-timestamp']) {
          const value = getHeader(shifted, name);
          if (value !== undefined) shifted = setHeader(shifted, name, shiftAtom(value));
        }
        return { body, headers: shifted };
      }
      const text = textOf(body);
      const span = findTopLevelStringValue(text, 'created_at');
      if (span === null) return request;
      const old = JSON.parse(text.slice(span[0], span[1])) as string;
      return { body: text.slice(0, span[0]) + JSON.stringify(shiftAtom(old)) + text.slice(span[1]), headers };
    }
  }
}

// Body faults first (pretty-body re-signs; reserialized-body must keep the signature of the PHP bytes),
// then signature faults, then timestamps.
const ORDER: readonly FaultMode[] = [
  'pretty-body',
  'reserialized-body',
  'bad-signature',
  'wrong-secret',
  'missing-signature',
  'stale-timestamp',
  'duplicate',
];

/**
 * Applies several faults in a fixed order that keeps each meaningful.
 * @example applyFaults(['pretty-body', 'stale-timestamp'], request, { dialect: 'webhooks', secret })
 */
export function applyFaults(modes: readonly FaultMode[], request: PreparedRequest, context: FaultContext): PreparedRequest {
  let current = request;
  for (const mode of ORDER) if (modes.includes(mode)) current = applyFault(mode, current, context);
  return current;
}
