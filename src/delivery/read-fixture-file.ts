import { readFileSync } from 'node:fs';
import type { TriggerDefinition } from '../catalog/triggers.js';
import { UsageError } from '../errors.js';
import { identifyTrigger } from '../catalog/identify-trigger.js';

/** One body of a fixture file, with the trigger it is sent as. */
export interface FixtureLine {
  /** 1-based line number in the file. */
  readonly line: number;
  /** The line's exact bytes, without its line ending. */
  readonly body: Buffer;
  readonly trigger: Pick<TriggerDefinition, 'id' | 'dialect' | 'wireName' | 'schemaVersion'>;
}

const REASONS: Record<string, string> = { ENOENT: 'it does not exist', EACCES: 'permission denied', EISDIR: 'it is a directory' };

/**
 * Reads an NDJSON fixture file for replay, every line checked before anything is sent: each line must be
 * JSON, and name its trigger (the body's `type`) unless `trigger` is given. Blank lines are skipped and a
 * CRLF line ending is not part of the body.
 * @example readFixtureFile('fixtures/sales.ndjson', { trigger: getTrigger('SALE_NEW') })
 */
export function readFixtureFile(
  file: string,
  options: { trigger?: Pick<TriggerDefinition, 'id' | 'dialect' | 'wireName' | 'schemaVersion'> | undefined } = {},
): FixtureLine[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = typeof code === 'string' ? (REASONS[code] ?? code) : 'unreadable';
    throw new UsageError(`Failed to read --from ${file}: ${reason}. Pass an NDJSON file with one body per line.`, 'BAD_FIXTURES', error);
  }
  const lines: FixtureLine[] = [];
  let start = 0;
  let number = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    number++;
    let body = bytes.subarray(start, end);
    if (body.length > 0 && body[body.length - 1] === 0x0d) body = body.subarray(0, body.length - 1);
    start = end + 1;
    const text = body.toString('utf8');
    if (text.trim() === '') continue;
    const fail = (reason: string, fix: string): never => {
      throw new UsageError(`Failed to read --from ${file} at line ${number}: ${reason}. Nothing was sent; ${fix}.`, 'BAD_FIXTURES');
    };
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch (error) {
      fail(`not JSON (${(error as Error).message})`, 'fix or remove the line');
    }
    let trigger = options.trigger;
    if (trigger === undefined) {
      const identified = identifyTrigger({ payload });
      if (identified.trigger === null) {
        const reason =
          identified.wireName === null
            ? 'the body does not name its trigger (a webhooks-dialect body has no "type")'
            : `the body's trigger is ${identified.reason}`;
        fail(reason, `name the trigger, e.g. systeme-mock send SALE_NEW --from ${file}`);
      }
      trigger = identified.trigger!;
    }
    lines.push({ line: number, body: Buffer.from(body), trigger });
  }
  if (lines.length === 0)
    throw new UsageError(`Failed to read --from ${file}: it has no bodies. Pass an NDJSON file with one body per line.`, 'BAD_FIXTURES');
  return lines;
}
