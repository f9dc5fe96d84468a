import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { SystemeMockError } from '../errors.js';

/** One line of the delivery log: one HTTP attempt, whatever its outcome. */
export interface DeliveryLogEntry {
  /** ISO time the attempt started. */
  time: string;
  trigger: string;
  /** `x-webhook-message-id` (webhooks) or the mock's own id for automation deliveries. */
  messageId: string;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
  /** `x-webhook-delivery-attempt-id`, or null for the automation dialect. */
  attemptId: string | null;
  url: string;
  /** HTTP status, or null when no response arrived. */
  status: number | null;
  durationMs: number;
  /** Why the attempt failed (`ETIMEDOUT`, `ECONNRESET`, `HTTP 503`, ...), or null on success. */
  error: string | null;
  /** Whether this attempt was a success per the configured success codes. */
  ok: boolean;
}

export interface DeliveryLog {
  write(entry: DeliveryLogEntry): void;
  /** Writes out everything buffered; called on a timer, on close and on Ctrl-C. Never throws. */
  flush(): void;
  /** Flushes and closes. Never throws: a failure is reported through `onError` and `failure()`. */
  close(): void;
  /** The error that stopped the log (a full disk, ...), or undefined while it works. */
  failure(): SystemeMockError | undefined;
  /** Complete lines on disk so far (this run's). */
  linesWritten(): number;
}

export interface DeliveryLogOptions {
  /**
   * Called once when a write fails (ENOSPC, EIO, ...). The log then keeps only whole lines (a partly
   * written one is cut off) and drops later entries, so the caller can stop the run and report.
   */
  onError?: ((error: SystemeMockError) => void) | undefined;
}

const FLUSH_BYTES = 64 * 1024;
const FLUSH_INTERVAL_MS = 100;

/**
 * An append-only NDJSON log, one line per attempt. Lines are buffered briefly (so a load run at
 * thousands of requests a second does not make a syscall per line) and written synchronously, so a
 * flush on Ctrl-C leaves every attempt made on disk. A failed write never throws from a timer: it is
 * reported once through `onError`, and the file keeps whole lines only.
 */
export function createDeliveryLog(file: string, options: DeliveryLogOptions = {}): DeliveryLog {
  let fd: number;
  try {
    fd = openSync(file, 'a');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SystemeMockError(`Failed to open the delivery log ${file}: ${reason}. Pass a writable path to --log.`, {
      code: 'LOG',
      cause: error,
    });
  }
  let buffer = '';
  let lines = 0;
  let pendingLines = 0;
  let closed = false;
  let failed: SystemeMockError | undefined;
  const timer = setInterval(() => flush(), FLUSH_INTERVAL_MS);
  timer.unref();

  function fail(error: unknown, whole: number): void {
    const code = (error as { code?: unknown }).code;
    const reason = code === 'ENOSPC' ? 'no space left on device (ENOSPC)' : error instanceof Error ? error.message : String(error);
    failed = new SystemeMockError(
      `Failed to write the delivery log ${file}: ${reason}. It holds the first ${whole} line(s) of this run, each whole; free some space or pass --log another path.`,
      { code: 'LOG_WRITE', cause: error },
    );
    buffer = '';
    clearInterval(timer);
    options.onError?.(failed);
  }

  function flush(): void {
    if (buffer.length === 0 || closed || failed !== undefined) return;
    const chunk = Buffer.from(buffer);
    const chunkLines = pendingLines;
    buffer = '';
    pendingLines = 0;
    let written = 0;
    try {
      // writeSync may write part of a chunk; the rest follows until all is out or a write throws.
      while (written < chunk.length) written += writeSync(fd, chunk, written, chunk.length - written);
      lines += chunkLines;
    } catch (error) {
      const lastNewline = chunk.lastIndexOf(0x0a, written - 1);
      const keep = written === 0 ? 0 : lastNewline + 1;
      let whole = lines;
      for (let i = 0; i < keep; i++) if (chunk[i] === 0x0a) whole++;
      try {
        // The part of a line this write left is the file's last bytes (appends go to the end, also
        // with workers sharing the file): cut it, so every line on disk is whole.
        if (written > keep) ftruncateSync(fd, fstatSync(fd).size - (written - keep));
      } catch {
        // Truncating frees space, so ENOSPC cannot make it fail; on another error the tail stays.
      }
      lines = whole;
      fail(error, whole);
    }
  }

  return {
    write(entry) {
      if (failed !== undefined) return;
      if (closed) throw new Error('Failed to write to the delivery log: it is closed.');
      buffer += JSON.stringify(entry) + '\n';
      pendingLines++;
      if (buffer.length >= FLUSH_BYTES) flush();
    },
    flush,
    close() {
      if (closed) return;
      flush();
      clearInterval(timer);
      closed = true;
      try {
        fsyncSync(fd);
      } catch (error) {
        // /dev/null, a pipe or a FIFO cannot be synced (EINVAL): nothing is lost there.
        const code = (error as { code?: unknown }).code;
        if (failed === undefined && code !== 'EINVAL' && code !== 'ENOTSUP') fail(error, lines);
      }
      closeSync(fd);
    },
    failure: () => failed,
    linesWritten: () => lines,
  };
}
