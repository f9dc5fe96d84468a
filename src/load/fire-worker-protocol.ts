// The messages between the main thread and a fire worker, in a module of their own so that neither side
// loads the other: a worker must not load the orchestrator (fire-load, run-fire-workers), and the
// orchestrator reaches the worker only through `new Worker(url)`.
import type { ErrorCode } from '../errors.js';
import type { EncodedLoadStats } from './load-stats.js';
import type { NormalizedFireOptions } from './normalize-fire-options.js';

/** What the main thread hands a worker: plain data, since functions do not cross threads. */
export interface FireWorkerInit {
  kind: 'systeme-mock-fire';
  options: NormalizedFireOptions;
  index: number;
  of: number;
  concurrency: number;
}

export type ToWorker = { type: 'start'; startNs: bigint } | { type: 'stop' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; sent: number; ok: number; failed: number; dropped: number; p99Us: number }
  | { type: 'done'; stats: EncodedLoadStats; interrupted: boolean; logFailure?: string | undefined }
  | { type: 'failed'; message: string; code: ErrorCode; usage: boolean };
