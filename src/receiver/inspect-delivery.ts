import { capProblems, countProblems } from '../catalog/schema.js';
import type { Dialect } from '../catalog/triggers.js';
import { isAtomDate } from '../encode/atom-date.js';
import { verifySignature } from '../signature/verify-signature.js';
import { identifyTrigger } from '../catalog/identify-trigger.js';

/** A request as the receiver got it: the raw body bytes, headers with lowercase names. */
export interface IncomingDelivery {
  readonly method: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/**
 * Checks a payload against a trigger's documented shape: [] when it fits, or problems and notes (a
 * re-ordered object is a note, not a problem, unless the check is strict about order).
 */
export type PayloadValidator = (
  triggerId: string,
  payload: unknown,
) => readonly string[] | { readonly problems: readonly string[]; readonly notes: readonly string[] };

export interface InspectOptions {
  /** Accept a signature made with any of these. None: signatures are not checked. */
  readonly secrets?: readonly string[] | undefined;
  readonly validate?: PayloadValidator | undefined;
  /** Reference time for the staleness note. */
  readonly now?: number | undefined;
}

/**
 * `valid`/`invalid`/`missing`/`malformed`: checked against the secrets; `unchecked`: no secret given;
 * `unsigned`: the automation dialect, which systeme.io never signs.
 */
export type SignatureCheck = 'valid' | 'invalid' | 'missing' | 'malformed' | 'unchecked' | 'unsigned';

/** The receiver's decision on one delivery, and why. */
export interface DeliveryVerdict {
  readonly accepted: boolean;
  readonly status: number;
  readonly dialect: Dialect;
  readonly trigger: string | null;
  readonly messageId: string | null;
  readonly signature: SignatureCheck;
  /** One phrase: why it was accepted or rejected. */
  readonly reason: string;
  /** Each way the body departs from the trigger's documented shape. */
  readonly problems: readonly string[];
  /** Worth knowing, not a reason to reject: a pretty body, an old timestamp, ... */
  readonly notes: readonly string[];
}

const HEX_64 = /^[0-9a-f]{64}$/;
const STALE_MS = 5 * 60 * 1000;

function headerOf(headers: IncomingDelivery['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** How the raw JSON text departs from what PHP's json_encode writes. */
export function describeJsonStyle(text: string): { unescapedSlash: boolean; nonAscii: boolean; whitespace: boolean } {
  let unescapedSlash = false;
  let whitespace = false;
  let inString = false;
  // Char codes rather than one-character strings: this runs over every byte of untrusted bodies.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      else if (c === 0x2f) unescapedSlash = true;
    } else if (c === 0x22) inString = true;
    else if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) whitespace = true;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range starts at U+0000 on purpose.
  return { unescapedSlash, nonAscii: /[^\x00-\x7f]/.test(text), whitespace };
}

/**
 * Shapes refused before parsing. systeme.io's payloads nest 8 levels and hold a few hundred object
 * members; V8 takes a second to parse half a million nested arrays or 300,000 object keys, so a body
 * past these limits is counted first, in one pass, and never parsed.
 */
export const MAX_BODY_NESTING = 64;
export const MAX_BODY_MEMBERS = 10_000;

/** Why the JSON text is refused unparsed (too deep, too many object members; strings skipped), or null. */
function refuseShape(text: string): string | null {
  let depth = 0;
  let members = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_BODY_NESTING) return `body nests deeper than ${MAX_BODY_NESTING} levels: not parsed (systeme.io's payloads nest 8)`;
    } else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x3a && ++members > MAX_BODY_MEMBERS) {
      return `body has more than ${MAX_BODY_MEMBERS} object members: not parsed (systeme.io's payloads have a few hundred)`;
    }
  }
  return null;
}

function mismatchHint(text: string): string {
  const style = describeJsonStyle(text);
  const departures = [style.unescapedSlash ? 'an unescaped "/"' : null, style.nonAscii ? 'a raw non-ASCII character' : null].filter(
    (d): d is string => d !== null,
  );
  if (departures.length > 0) {
    return `signature mismatch: the body has ${departures.join(' and ')}, which PHP's json_encode never writes, so it was probably re-serialized after signing`;
  }
  return 'signature mismatch: the body looks as systeme.io writes it, so the signature is wrong or was made with another secret';
}

function reject(base: Omit<DeliveryVerdict, 'accepted' | 'status' | 'reason'>, status: number, reason: string): DeliveryVerdict {
  return { ...base, accepted: false, status, reason };
}

/** Longest text a verdict repeats from a request (a `type`, a value in a problem), in characters. */
const MAX_ECHO = 300;

/** `text`, cut to `max` characters with a count of the rest: a verdict never echoes a whole hostile body. */
function clip(text: string, max = MAX_ECHO): string {
  return text.length <= max ? text : `${text.slice(0, max)}... (${text.length - max} more characters)`;
}

/**
 * Decides on one delivery as a careful receiver would: signature over the raw bytes (webhooks dialect),
 * JSON, a known trigger, the trigger's documented shape. Pure: the inbox and tests share it. The verdict
 * is bounded whatever the body: at most PROBLEM_LIMIT problems and a count of the rest, and texts taken
 * from the request cut to a few hundred characters.
 * @example inspectDelivery({ method: 'POST', headers, body }, { secrets: ['s3cret'] }).accepted
 */
export function inspectDelivery(request: IncomingDelivery, options: InspectOptions = {}): DeliveryVerdict {
  const verdict = decide(request, options);
  return {
    ...verdict,
    trigger: verdict.trigger === null ? null : clip(verdict.trigger),
    reason: clip(verdict.reason, 2 * MAX_ECHO),
    problems: capProblems(verdict.problems).map((problem) => clip(problem)),
    notes: verdict.notes.map((note) => clip(note)),
  };
}

function decide(request: IncomingDelivery, options: InspectOptions): DeliveryVerdict {
  const secrets = options.secrets ?? [];
  const event = headerOf(request.headers, 'x-webhook-event');
  const dialect: Dialect = event === undefined ? 'automation' : 'webhooks';
  const messageId = headerOf(request.headers, 'x-webhook-message-id') ?? null;
  const notes: string[] = [];
  let base: Omit<DeliveryVerdict, 'accepted' | 'status' | 'reason'> = {
    dialect,
    trigger: event ?? null,
    messageId,
    signature: dialect === 'automation' ? 'unsigned' : 'unchecked',
    problems: [],
    notes,
  };
  if (request.method !== 'POST') return reject(base, 405, `method ${request.method}: systeme.io only sends POST`);
  const text = request.body.toString('utf8');

  if (dialect === 'webhooks') {
    const signature = headerOf(request.headers, 'x-webhook-signature');
    if (secrets.length === 0) {
      notes.push('signature not checked: the inbox has no secret');
    } else if (signature === undefined) {
      return reject({ ...base, signature: 'missing' }, 401, 'missing x-webhook-signature');
    } else if (!HEX_64.test(signature)) {
      return reject({ ...base, signature: 'malformed' }, 401, 'malformed x-webhook-signature: expected 64 lowercase hex characters');
    } else if (secrets.some((secret) => verifySignature(request.body, signature, secret))) {
      base = { ...base, signature: 'valid' };
    } else {
      return reject({ ...base, signature: 'invalid' }, 401, mismatchHint(text));
    }
  }

  const refused = refuseShape(text);
  if (refused !== null) return reject(base, 400, refused);
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    return reject(base, 400, `body is not JSON: ${(error as Error).message}`);
  }
  const identified = identifyTrigger({ event, payload });
  if (identified.trigger === null && identified.wireName === null)
    return reject(base, 400, `not a systeme.io delivery: ${identified.reason}`);
  base = { ...base, trigger: identified.trigger?.id ?? identified.wireName };

  if (describeJsonStyle(text).whitespace) notes.push('body is not compact one-line JSON as systeme.io sends it');
  const eventTime =
    dialect === 'webhooks' ? headerOf(request.headers, 'x-webhook-event-timestamp') : (payload as { created_at?: unknown }).created_at;
  if (typeof eventTime === 'string' && isAtomDate(eventTime)) {
    const age = (options.now ?? Date.now()) - Date.parse(eventTime);
    if (age > STALE_MS) notes.push(`event timestamp ${eventTime} is ${Math.round(age / 60_000)} minutes old`);
  }

  const signed =
    base.signature === 'valid'
      ? 'signature valid'
      : base.signature === 'unsigned'
        ? 'unsigned (automation dialect)'
        : 'signature not checked';
  if (identified.trigger === null) {
    if (identified.reason?.startsWith('unknown')) {
      notes.push(`${identified.reason}: body not checked`);
      return { ...base, accepted: true, status: 200, reason: `${signed}, ${identified.reason}` };
    }
    return reject(base, 400, `body does not match any trigger: ${identified.reason}`);
  }
  if (options.validate !== undefined) {
    const checked = options.validate(identified.trigger.id, payload);
    const problems = 'problems' in checked ? [...checked.problems] : [...checked];
    if ('notes' in checked) notes.push(...checked.notes.map((note) => `body ${note}`));
    if (problems.length > 0) {
      const total = countProblems(problems);
      // A check that stopped early counted only part of the problems.
      const atLeast = /^and at least /.test(problems[problems.length - 1]!) ? 'at least ' : '';
      const more = total > 1 ? ` (and ${atLeast}${total - 1} more)` : '';
      return reject({ ...base, problems }, 400, `body does not match ${identified.trigger.id}: ${clip(problems[0]!)}${more}`);
    }
    return { ...base, accepted: true, status: 200, reason: `${signed}, body matches ${identified.trigger.id}` };
  }
  return { ...base, accepted: true, status: 200, reason: `${signed}, body not checked` };
}
