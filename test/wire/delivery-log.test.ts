import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeliveryLog, type DeliveryLogEntry } from '../../src/wire/delivery-log.js';
import type { SystemeMockError } from '../../src/errors.js';
import { mountSmallDisk, type SmallDisk } from '../cli/mount-small-disk.js';

const entry = (attempt: number): DeliveryLogEntry => ({
  time: '2026-01-01T00:00:00.000Z',
  trigger: 'SALE_NEW',
  messageId: `01a20000-0000-7000-8000-${String(attempt).padStart(12, '0')}`,
  attempt,
  attemptId: null,
  url: 'http://127.0.0.1:3000/hook',
  status: 200,
  durationMs: 1.5,
  error: null,
  ok: true,
});

let disk: SmallDisk | undefined;
afterEach(() => {
  disk?.unmount();
  disk = undefined;
});

describe('createDeliveryLog on a full disk', () => {
  it('reports ENOSPC once, keeps whole lines only (a partly written line is cut off), and never throws', () => {
    disk = mountSmallDisk(64);
    disk.fillLeaving(4096);
    const file = join(disk.dir, 'log.ndjson');
    const errors: SystemeMockError[] = [];
    const log = createDeliveryLog(file, { onError: (error) => errors.push(error) });
    // 100 lines of ~230 bytes in one flush: more than the page left, so the write stops mid-line.
    for (let i = 1; i <= 100; i++) log.write(entry(i));
    expect(() => log.flush()).not.toThrow();
    for (let i = 101; i <= 110; i++) log.write(entry(i));
    expect(() => log.close()).not.toThrow();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBe(log.failure());
    expect(errors[0]!.code).toBe('LOG_WRITE');
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBe(log.linesWritten());
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(100);
    expect(lines.map((line) => (JSON.parse(line) as DeliveryLogEntry).attempt)).toEqual(
      Array.from({ length: lines.length }, (_, i) => i + 1),
    );
    expect(statSync(file).size).toBe(Buffer.byteLength(text));
    expect(errors[0]!.message).toBe(
      `Failed to write the delivery log ${file}: no space left on device (ENOSPC). It holds the first ${lines.length} line(s) of this run, each whole; free some space or pass --log another path.`,
    );
  });

  it('closes a log on /dev/null, which cannot be synced, without a failure', () => {
    const errors: unknown[] = [];
    const log = createDeliveryLog('/dev/null', { onError: (error) => errors.push(error) });
    log.write(entry(1));
    log.close();
    expect(errors).toEqual([]);
    expect(log.linesWritten()).toBe(1);
  });
});
