import { readFileSync } from 'node:fs';
import { encodePhpJson } from '../encode/encode-php-json.js';
import { UsageError } from '../errors.js';

/** The forms a capture comes in, as `readCaptures` recognised them. */
export type CaptureForm = 'raw' | 'ndjson' | 'wrapped' | 'array' | 'har';

/** One delivery read from a capture file: its headers as captured and its body bytes. */
export interface CapturedDelivery {
  /** Where it came from: `file`, `file:3` (NDJSON line), `file#entries[2]` (HAR), `file[4]` (array). */
  readonly source: string;
  readonly form: CaptureForm;
  /** Lowercase header names; empty when the capture holds the body only. */
  readonly headers: Readonly<Record<string, string>>;
  /** True when the capture holds headers at all (a raw body or NDJSON line does not). */
  readonly hasHeaders: boolean;
  /** The body bytes: exactly as captured when `exactBytes`, else re-encoded as PHP's json_encode would. */
  readonly body: Buffer;
  readonly exactBytes: boolean;
  /** The parsed body. */
  readonly payload: unknown;
  /** Things worth knowing about how the bytes were recovered. */
  readonly notes: readonly string[];
}

const FORMS_HINT = 'Pass a raw body, NDJSON of bodies, {"headers", "body"} JSON or a HAR file';

/** The metadata keys a `{headers, body}` wrapper may carry next to `body` (webhook.site, PULSACITY, ...). */
const WRAPPER_KEYS = new Set(['body', 'headers', 'capturedAt', 'captured_at', 'receivedAt', 'method', 'url', 'ip', 'query', 'event']);

function fail(name: string, reason: string, fix = FORMS_HINT): never {
  throw new UsageError(`Failed to read capture ${name}: ${reason}. ${fix}.`, 'CAPTURE');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Header lists in the shapes captures use: an object of name: value, or HAR's [{name, value}]. */
function readHeaders(raw: unknown, name: string, where: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const put = (key: string, value: unknown): void => {
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string' || typeof text === 'number') headers[key.toLowerCase()] ??= String(text);
  };
  if (Array.isArray(raw)) {
    for (const item of raw) {
      if (!isRecord(item) || typeof item['name'] !== 'string')
        fail(name, `${where}.headers holds an item without a "name"`, 'Write headers as {"name": "value"} or [{"name", "value"}]');
      put(item['name'], item['value']);
    }
  } else if (isRecord(raw)) {
    for (const [key, value] of Object.entries(raw)) put(key, value);
  } else if (raw !== undefined) {
    fail(name, `${where}.headers is a ${raw === null ? 'null' : typeof raw}`, 'Write headers as {"name": "value"} or [{"name", "value"}]');
  }
  return headers;
}

function isWrapper(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && 'body' in value && Object.keys(value).every((key) => WRAPPER_KEYS.has(key));
}

function isHar(value: unknown): value is { log: { entries: unknown[] } } {
  return isRecord(value) && isRecord(value['log']) && Array.isArray(value['log']['entries']);
}

/** A delivery from a body given as text (exact bytes) or as parsed JSON (re-encoded, not exact). */
function fromBody(
  body: unknown,
  meta: { source: string; form: CaptureForm; headers: Record<string, string>; hasHeaders: boolean; name: string; notes?: string[] },
): CapturedDelivery {
  const notes = meta.notes ?? [];
  if (typeof body === 'string') {
    const parsed = parseJson(body);
    if (!parsed.ok) fail(meta.name, `the body at ${meta.source} is not JSON (${parsed.error})`, 'Capture the body as systeme.io sent it');
    return { ...meta, body: Buffer.from(body, 'utf8'), exactBytes: true, payload: parsed.value, notes };
  }
  notes.push(
    'body stored as parsed JSON, not as text: its bytes were re-encoded as PHP writes them (a float like 0.0 may differ); store the body as a string to check a signature over the exact bytes',
  );
  return { ...meta, body: Buffer.from(encodePhpJson(body), 'utf8'), exactBytes: false, payload: body, notes };
}

function fromWrapper(wrapper: Record<string, unknown>, source: string, form: CaptureForm, name: string): CapturedDelivery {
  const headers = readHeaders(wrapper['headers'], name, source);
  return fromBody(wrapper['body'], { source, form, headers, hasHeaders: 'headers' in wrapper, name });
}

function fromHar(har: { log: { entries: unknown[] } }, name: string): CapturedDelivery[] {
  const deliveries: CapturedDelivery[] = [];
  har.log.entries.forEach((entry, i) => {
    const request = isRecord(entry) ? entry['request'] : undefined;
    if (!isRecord(request) || request['method'] !== 'POST' || !isRecord(request['postData'])) return;
    const postData = request['postData'];
    const text = postData['text'];
    if (typeof text !== 'string') return;
    const source = `${name}#entries[${i}]`;
    const headers = readHeaders(request['headers'], name, source);
    const notes: string[] = [];
    // HAR 1.2 keeps a body as text; some tools add "encoding": "base64" for bytes that are not text.
    const bytes = postData['encoding'] === 'base64' ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
    const bodySize = request['bodySize'];
    let exactBytes = true;
    if (typeof bodySize === 'number' && bodySize >= 0 && bodySize !== bytes.length) {
      exactBytes = false;
      notes.push(
        `the HAR says the body had ${bodySize} bytes but its text encodes to ${bytes.length} in UTF-8: the exact bytes are lost (the tool decoded them as another charset), so a signature check is unreliable`,
      );
    }
    const parsed = parseJson(bytes.toString('utf8'));
    if (!parsed.ok)
      fail(
        name,
        `the POST body of ${source} is not JSON (${parsed.error})`,
        'Export the HAR of the systeme.io deliveries only, or pass their bodies',
      );
    deliveries.push({ source, form: 'har', headers, hasHeaders: true, body: bytes, exactBytes, payload: parsed.value, notes });
  });
  if (deliveries.length === 0) {
    fail(
      name,
      `the HAR file has ${har.log.entries.length} entries and no POST with a body`,
      'Record the HAR while the deliveries arrive, with their request bodies',
    );
  }
  return deliveries;
}

/**
 * Reads the deliveries in one capture: a raw body, NDJSON of bodies (or of `{headers, body}` lines), a
 * `{headers, body}` JSON object (body as text keeps its exact bytes), a JSON array of either, or a HAR
 * file (Chromium's export, playwright's `recordHar`): its POST requests with a body. `name` names the
 * input in errors, which say what to pass instead.
 * @example readCaptures(readFileSync('sale.har'), 'sale.har')[0].headers['x-webhook-event'] // 'SALE_NEW'
 */
export function readCaptures(bytes: Buffer, name: string): CapturedDelivery[] {
  const text = bytes.toString('utf8');
  if (text.trim() === '') fail(name, 'it is empty');
  const whole = parseJson(text);
  if (whole.ok) {
    const value = whole.value;
    if (isHar(value)) return fromHar(value, name);
    if (isWrapper(value)) return [fromWrapper(value, name, 'wrapped', name)];
    if (Array.isArray(value)) {
      if (value.length === 0) fail(name, 'it is an empty JSON array');
      return value.map((item, i) =>
        isWrapper(item)
          ? fromWrapper(item, `${name}[${i}]`, 'array', name)
          : fromBody(item, { source: `${name}[${i}]`, form: 'array', headers: {}, hasHeaders: false, name }),
      );
    }
    if (!isRecord(value)) fail(name, `it holds a JSON ${value === null ? 'null' : typeof value}, not a delivery`);
    // A raw body: the bytes as they are, less the final newline an editor or `>` adds (json_encode writes none).
    const body = text.replace(/\r?\n$/, '');
    const notes = body.length < text.length ? ['a final newline was dropped: json_encode writes none'] : [];
    return [
      {
        source: name,
        form: 'raw',
        headers: {},
        hasHeaders: false,
        body: Buffer.from(body, 'utf8'),
        exactBytes: true,
        payload: value,
        notes,
      },
    ];
  }
  const deliveries: CapturedDelivery[] = [];
  const lines = text.split('\n');
  lines.forEach((rawLine, i) => {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '') return;
    const parsed = parseJson(line);
    if (!parsed.ok) {
      if (deliveries.length === 0) fail(name, `it is not JSON (${whole.error})`);
      fail(name, `line ${i + 1} is not JSON (${parsed.error})`, 'NDJSON holds one JSON body per line');
    }
    const source = `${name}:${i + 1}`;
    deliveries.push(
      isWrapper(parsed.value)
        ? fromWrapper(parsed.value, source, 'ndjson', name)
        : {
            source,
            form: 'ndjson',
            headers: {},
            hasHeaders: false,
            body: Buffer.from(line, 'utf8'),
            exactBytes: true,
            payload: parsed.value,
            notes: [],
          },
    );
  });
  return deliveries;
}

/** Reads a capture file (or standard input for `-`); an unreadable file is a one-line error. */
export function readCaptureFile(file: string, stdin?: () => Buffer): CapturedDelivery[] {
  let bytes: Buffer;
  try {
    bytes = file === '-' ? (stdin ?? (() => readFileSync(0)))() : readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : error instanceof Error
            ? error.message.replace(/\.$/, '')
            : String(error);
    return fail(file, reason, 'Check the path, or pass - to read standard input');
  }
  return readCaptures(bytes, file === '-' ? 'stdin' : file);
}
