import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
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
  /** Writes out everything buffered; called on a timer, on close and on Ctrl-C. */
  flush(): void;
  close(): void;
}

const FLUSH_BYTES = 64 * 1024;
const FLUSH_INTERVAL_MS = 100;

/**
 * An append-only NDJSON log, one line per attempt. Lines are buffered briefly (so a load run at
 * thousands of requests a second does not make a syscall per line) and written synchronously, so a
 * flush on Ctrl-C leaves every attempt made on disk.
 */
export function createDeliveryLog(file: string): DeliveryLog {
  let fd: number;
  try {
    fd = openSync(file, 'a');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SystemeMockError(`Failed to open the delivery log ${file}: ${reason}. Pass a writable path to --log.`, {
      code: 'LOG',
      exitCode: 2,
      cause: error,
    });
  }
  let buffer = '';
  let closed = false;
  const timer = setInterval(() => flush(), FLUSH_INTERVAL_MS);
  timer.unref();

  function flush(): void {
    if (buffer.length === 0 || closed) return;
    const chunk = buffer;
    buffer = '';
    writeSync(fd, chunk);
  }

  return {
    write(entry) {
      if (closed) throw new Error('Failed to write to the delivery log: it is closed.');
      buffer += JSON.stringify(entry) + '\n';
      if (buffer.length >= FLUSH_BYTES) flush();
    },
    flush,
    close() {
      if (closed) return;
      flush();
      clearInterval(timer);
      closed = true;
      fsyncSync(fd);
      closeSync(fd);
    },
  };
}
