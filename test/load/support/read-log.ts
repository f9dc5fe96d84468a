import { readFileSync } from 'node:fs';
import type { DeliveryLogEntry } from '../../../src/wire/delivery-log.js';

/** The attempts a delivery log file holds, one NDJSON line each. */
export function readLog(file: string): DeliveryLogEntry[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as DeliveryLogEntry);
}
