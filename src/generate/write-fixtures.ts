import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SystemeMockError, UsageError } from '../errors.js';
import type { GeneratedEvent } from './types.js';

export type FixtureFormat = 'ndjson' | 'json';

/** Where fixtures go: a stream (stdout), one file, or a folder. */
export type FixtureTarget =
  | { kind: 'stream'; stream: NodeJS.WritableStream }
  | { kind: 'file'; path: string }
  | { kind: 'dir'; path: string };

export interface WriteFixturesOptions {
  format: FixtureFormat;
  /** Indented, unescaped JSON for reading: NOT the bytes systeme.io sends. */
  pretty?: boolean;
  /** Checked between events: when it returns true, writing stops and partial files are removed. */
  shouldStop?: () => boolean;
}

export interface WriteFixturesResult {
  events: number;
  files: string[];
  interrupted: boolean;
}

const CHUNK_BYTES = 64 * 1024;
/** Generating is synchronous: the loop gives the event loop a turn this often, so Ctrl-C is seen. */
const YIELD_EVERY_MS = 50;

/** Resolves after a turn of the event loop once YIELD_EVERY_MS have passed since the last turn. */
function createYielder(): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    const now = performance.now();
    if (now - last < YIELD_EVERY_MS) return undefined;
    last = now;
    return new Promise<void>((resolve) => setImmediate(resolve));
  };
}

/** `--out` names a folder when it ends with a slash or is an existing folder. */
export function resolveFixtureTarget(out: string | undefined, stdout: NodeJS.WritableStream): FixtureTarget {
  if (out === undefined || out === '-') return { kind: 'stream', stream: stdout };
  if (out.endsWith('/') || out.endsWith('\\')) return { kind: 'dir', path: out };
  try {
    if (statSync(out).isDirectory()) return { kind: 'dir', path: out };
  } catch {
    // Does not exist yet: a file.
  }
  return { kind: 'file', path: out };
}

function render(event: GeneratedEvent, pretty: boolean): string {
  return pretty ? JSON.stringify(event.payload, null, 2) : event.body;
}

/** File-system-safe trigger id (`contact.optin.completed:blog-page` -> `contact.optin.completed.blog-page`). */
export function fixtureName(triggerId: string): string {
  return triggerId.replace(/[:/\\]/g, '.');
}

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
}

function writeFailure(path: string, error: unknown): SystemeMockError {
  const reason = error instanceof Error ? error.message : String(error);
  return new SystemeMockError(`Failed to write ${path}: ${reason}. Check the path and free space, then run again.`, {
    code: 'WRITE',
    cause: error,
  });
}

/** A file written whole or not at all: bytes go to a temporary sibling, renamed into place at the end. */
class AtomicFile {
  private handle: FileHandle | undefined;
  private readonly temp: string;
  private pending = '';

  constructor(readonly path: string) {
    this.temp = tempPathFor(path);
  }

  /** Creates the temporary file now, so an unwritable path fails before any event is generated. */
  async open(): Promise<void> {
    try {
      this.handle ??= await open(this.temp, 'w');
    } catch (error) {
      throw writeFailure(this.path, error);
    }
  }

  async write(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length >= CHUNK_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    try {
      this.handle ??= await open(this.temp, 'w');
      // Bodies are pure ASCII unless --pretty, so utf8 writes the exact bytes.
      await this.handle.write(this.pending);
      this.pending = '';
    } catch (error) {
      throw writeFailure(this.path, error);
    }
  }

  async commit(): Promise<void> {
    await this.flush();
    try {
      await this.handle!.sync();
      await this.handle!.close();
      this.handle = undefined;
      renameSync(this.temp, this.path);
    } catch (error) {
      throw writeFailure(this.path, error);
    }
  }

  async discard(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
    rmSync(this.temp, { force: true });
  }
}

async function writeToStream(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) {
    await new Promise<void>((resolve, reject) => {
      const onDrain = (): void => {
        stream.off('error', onError);
        resolve();
      };
      const onError = (error: Error): void => {
        stream.off('drain', onDrain);
        reject(error);
      };
      stream.once('drain', onDrain);
      stream.once('error', onError);
    });
  }
}

/**
 * Writes events as fixtures with constant memory. NDJSON lines are exactly the wire bodies; `json` is an
 * array of them (or, into a folder, one file per event holding exactly its body). Files are atomic.
 * @example await writeFixtures(generateEvents(['SALE_NEW'], { count: 50, seed: 7 }), { kind: 'dir', path: 'fixtures/' }, { format: 'json' })
 */
export async function writeFixtures(
  events: Iterable<GeneratedEvent>,
  target: FixtureTarget,
  options: WriteFixturesOptions,
): Promise<WriteFixturesResult> {
  const pretty = options.pretty ?? false;
  const stop = options.shouldStop ?? (() => false);
  if (target.kind === 'dir') return writeToDir(events, target.path, options.format, pretty, stop);

  const file = target.kind === 'file' ? new AtomicFile(target.path) : undefined;
  if (file !== undefined) {
    ensureParent(file.path);
    await file.open();
  }
  const pause = createYielder();
  const emit = (text: string): Promise<void> =>
    file !== undefined ? file.write(text) : writeToStream((target as { stream: NodeJS.WritableStream }).stream, text);
  let count = 0;
  let buffer = options.format === 'json' ? '[' : '';
  // Stopped: a file is removed; a stream gets the events already rendered, so the count is what it got.
  const endEarly = async (): Promise<WriteFixturesResult> => {
    if (file !== undefined) {
      await file.discard();
      return { events: count, files: [], interrupted: true };
    }
    try {
      await emit(buffer);
    } catch {
      // The stream itself failed (a closed pipe): the caller reports that, not this write.
    }
    return { events: count, files: [], interrupted: true };
  };
  try {
    for (const event of events) {
      if (stop()) return await endEarly();
      if (options.format === 'json') buffer += (count > 0 ? ',' : '') + (pretty ? '\n' : '') + render(event, pretty);
      else buffer += render(event, pretty) + '\n';
      count++;
      if (buffer.length >= CHUNK_BYTES) {
        await emit(buffer);
        buffer = '';
      }
      await pause();
    }
    if (stop()) return await endEarly();
    if (options.format === 'json') buffer += (pretty && count > 0 ? '\n' : '') + ']\n';
    await emit(buffer);
    await file?.commit();
  } catch (error) {
    await file?.discard();
    throw error;
  }
  return { events: count, files: file === undefined ? [] : [file.path], interrupted: false };
}

function ensureParent(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new UsageError(
      `Failed to create the folder for ${path}: ${error instanceof Error ? error.message : String(error)}. Pass a writable --out.`,
      'OUT',
    );
  }
}

async function writeToDir(
  events: Iterable<GeneratedEvent>,
  dir: string,
  format: FixtureFormat,
  pretty: boolean,
  stop: () => boolean,
): Promise<WriteFixturesResult> {
  ensureParent(join(dir, 'x'));
  const files: string[] = [];
  let count = 0;
  const pause = createYielder();
  if (format === 'json') {
    // One file per event, holding exactly its body: the fixture's bytes are the request's bytes.
    for (const event of events) {
      if (stop()) return { events: count, files, interrupted: true };
      const path = join(dir, `${fixtureName(event.trigger.id)}.${event.index}.json`);
      const temp = tempPathFor(path);
      try {
        writeFileSync(temp, render(event, pretty));
        renameSync(temp, path);
      } catch (error) {
        rmSync(temp, { force: true });
        throw writeFailure(path, error);
      }
      files.push(path);
      count++;
      await pause();
    }
    return { events: count, files, interrupted: false };
  }
  // NDJSON: one file per trigger, all committed together at the end.
  const open = new Map<string, AtomicFile>();
  try {
    for (const event of events) {
      if (stop()) {
        for (const file of open.values()) await file.discard();
        return { events: count, files: [], interrupted: true };
      }
      let file = open.get(event.trigger.id);
      if (file === undefined) {
        file = new AtomicFile(join(dir, `${fixtureName(event.trigger.id)}.ndjson`));
        open.set(event.trigger.id, file);
        await file.open();
      }
      await file.write(render(event, pretty) + '\n');
      count++;
      await pause();
    }
    if (stop()) {
      for (const file of open.values()) await file.discard();
      return { events: count, files: [], interrupted: true };
    }
    for (const file of open.values()) {
      await file.commit();
      files.push(file.path);
    }
  } catch (error) {
    for (const file of open.values()) await file.discard();
    throw error;
  }
  return { events: count, files, interrupted: false };
}
