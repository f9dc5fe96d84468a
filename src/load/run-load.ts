import type { DeliveryLog } from '../wire/delivery-log.js';
import { chooseLoadTransport } from './choose-load-transport.js';
import { createDeadlineSweeper, type Deadline } from './create-deadline-sweeper.js';
import { createLoadRecorder, type RecordedRequest } from './create-load-recorder.js';
import type { LoadTransport, TransportResult } from './create-load-transport.js';
import { createPacer } from './create-pacer.js';
import type { Schedule } from './create-schedule.js';
import { createLoadStats } from './load-stats.js';
import type { LoadStats, TimelineSecond } from './load-stats.js';

/** What every request carries for the stats and the delivery log. */
export interface LoadRequestIds {
  trigger: string;
  /** `x-webhook-message-id`, or the mock's own id for the automation dialect (for the delivery log). */
  messageId: string;
  /** `x-webhook-delivery-attempt-id`, or null for the automation dialect. */
  attemptId: string | null;
}

/** A request as its parts: `headers` is a flat [name, value, name, value, ...] list; content-length is added. */
export interface LoadRequestParts extends LoadRequestIds {
  headers: string[];
  body: string | Uint8Array;
  wire?: undefined;
}

/**
 * A request as its complete HTTP/1.1 bytes for a plain-http socket: request line and host (start them
 * with formatRequestPrefix), headers, content-length, the blank line, the body. Never reused by the
 * caller once returned. A transport without `sendWire` (undici, https:) ends it as 'invalid-request'.
 */
export interface LoadWireRequest extends LoadRequestIds {
  wire: Uint8Array;
  headers?: undefined;
  body?: undefined;
}

/** One request, built just before it is sent. */
export type LoadRequest = LoadRequestParts | LoadWireRequest;

/** Builds request `index` at the moment it is due: fresh ids, fresh timestamps, a fresh signature. */
export type MakeRequest = (index: number, now: Date) => LoadRequest;

/** The engine's settings, already validated (see normalizeFireOptions). */
export interface LoadEngineOptions {
  url: string;
  /** Requests per second; Infinity sends as fast as `concurrency` allows (closed loop). */
  rate: number;
  rampMs: number;
  /** Stop after this many requests (global indexes); Infinity when the run is bounded by duration. */
  count: number;
  /** Stop scheduling requests due at or after this time; Infinity when bounded by count. */
  durationMs: number;
  /** The cap on requests in flight. */
  concurrency: number;
  /** A request this late when it could finally be sent is dropped (counted, not sent). */
  maxLagMs: number;
  /** A request sent more than this after its due time counts as late. */
  lateAfterMs: number;
  /** Per-request timeout, from the actual send to the end of the response. */
  timeoutMs: number;
  /** After Ctrl-C, how long in-flight requests may finish before they are aborted. */
  graceMs: number;
  /** This engine's share of the schedule: it runs global indexes i with i % of === index. */
  share?: { index: number; of: number } | undefined;
  /** When each request is due; default: the open-loop schedule of `rate` and `rampMs` (journeys bring their own). */
  schedule?: Schedule | undefined;
  /** The run's start on the process.hrtime.bigint() clock, shared by every worker. Default: now. */
  startNs?: bigint | undefined;
}

export interface LoadEngineHooks {
  makeRequest: MakeRequest;
  /** Aborting it stops scheduling, waits `graceMs` for in-flight requests, then aborts them. */
  signal?: AbortSignal | undefined;
  /** Aborting it aborts every request in flight at once, and any sent after (a second Ctrl-C). */
  abortSignal?: AbortSignal | undefined;
  /** Receives one line per attempt. */
  log?: DeliveryLog | undefined;
  /** Replaces the transport chooseLoadTransport picks (tests). */
  transport?: LoadTransport | undefined;
}

export interface LoadRun {
  /** Live figures, updated as the run goes (read them for a progress line). */
  readonly stats: LoadStats;
  /** Resolves once every request has finished, timed out or been aborted. */
  readonly done: Promise<{ stats: LoadStats; interrupted: boolean; startedAt: Date }>;
}

interface Active extends Deadline, RecordedRequest {
  readonly request: LoadRequest;
}

// The most requests built before they are sent. Bigger batches keep the generator warm; smaller ones
// feed the receiver sooner. Measured at rate max, concurrency 64, engine and receiver on a core each
// (6 alternating 3 s runs per pair, medians): 8 -> 12,900, 16 -> 15,400, 32 -> 17,300, 64 -> 18,100 req/s.
const MAX_BATCH = 64;
// A batch also stops growing after this much building, so a built request waits at most about this
// long for its send, even when building is slow (a GC pause, a busy machine): at full speed, 64 took
// ~1.6 ms on a quiet machine and over 10 ms on a busy one, which counted requests late at rate max.
const MAX_BATCH_BUILD_MS = 2;
// The wait before a due time spent turning the event loop rather than on a timer (see waitUntilDue).
const FINAL_WAIT_MS = 0.5;
const INVALID_REQUEST: TransportResult = { status: null, errorKind: 'invalid-request' };

/**
 * Runs one open-loop load: request i is due at start + schedule(i), built by `makeRequest` just before
 * it is sent, and measured from its due time and from its actual send. Late requests are counted; past
 * `maxLagMs` they are dropped and counted, never skipped silently.
 * The engine owns the clock, the batches and the run's life; the pacer (create-pacer.ts) says what is
 * due, the recorder (create-load-recorder.ts) counts, the sweeper (create-deadline-sweeper.ts) times out.
 * @example const run = startLoad(options, { makeRequest }); const { stats } = await run.done;
 */
export function startLoad(options: LoadEngineOptions, hooks: LoadEngineHooks): LoadRun {
  const stats = createLoadStats();
  const url = new URL(options.url);
  const path = `${url.pathname}${url.search}`;
  const transport = hooks.transport ?? chooseLoadTransport(url.origin, options.concurrency);
  const pacer = createPacer(options);
  const startNs = options.startNs ?? process.hrtime.bigint();
  // performance.now() reads the same monotonic clock as hrtime without a BigInt per call (several per
  // request); the offset to the shared start is taken once.
  let originMs = performance.now() - Number(process.hrtime.bigint() - startNs) / 1e6;
  const nowMs = (): number => performance.now() - originMs;
  const recorder = createLoadRecorder(stats, {
    url: options.url,
    lateAfterMs: options.lateAfterMs,
    log: hooks.log,
    wallStartMs: Date.now() - nowMs(),
  });
  let startedAt = new Date(recorder.wallStartMs);
  // Without a shared start (workers have one), the clock starts at the first pump: whatever the caller
  // does synchronously after startLoad (the CLI's argument parser renders its help text then, ~35 ms)
  // would otherwise make the first requests late for no fault of the receiver.
  let clockPending = options.startNs === undefined;
  const sweeper = createDeadlineSweeper<Active>(options.timeoutMs, nowMs);

  let timer: NodeJS.Timeout | undefined;
  // The last fraction of a millisecond before a due time is waited on the event loop's check phase
  // (see waitUntilDue); this is that wait, pending.
  let finalWait: NodeJS.Immediate | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  let schedulingDone = false;
  let pumping = false;
  let pumpQueued = false;
  // The batch being decided and built (see pumpDue), reused across batches.
  let batchLength = 0;
  const batchDueMs: number[] = [];
  const batchSecond: Array<TimelineSecond | undefined> = [];
  const batchRequest: Array<LoadRequest | undefined> = [];
  let interrupted = false;
  let resolveDone!: (value: { stats: LoadStats; interrupted: boolean; startedAt: Date }) => void;
  const done = new Promise<{ stats: LoadStats; interrupted: boolean; startedAt: Date }>((resolve) => {
    resolveDone = resolve;
  });

  function endScheduling(): void {
    schedulingDone = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (finalWait !== undefined) clearImmediate(finalWait);
    finalWait = undefined;
    finishIfIdle();
  }

  function finishIfIdle(): void {
    if (!schedulingDone || sweeper.size > 0) return;
    sweeper.stop();
    if (graceTimer !== undefined) clearTimeout(graceTimer);
    hooks.signal?.removeEventListener('abort', onAbort);
    hooks.abortSignal?.removeEventListener('abort', onAbortNow);
    stats.endMs = Math.max(stats.endMs, nowMs());
    void transport.close().finally(() => resolveDone({ stats, interrupted, startedAt }));
  }

  function pump(): void {
    if (clockPending) {
      clockPending = false;
      originMs = performance.now();
      recorder.wallStartMs = Date.now();
      startedAt = new Date(recorder.wallStartMs);
    }
    timer = undefined;
    finalWait = undefined;
    pumpQueued = false;
    if (schedulingDone || pumping) return;
    pumping = true;
    try {
      pumpDue();
    } finally {
      pumping = false;
    }
  }

  // Completions arrive one callback at a time; pumping once after all of a poll phase's callbacks lets
  // the requests they free up be built and sent as one batch (see pumpDue).
  function schedulePump(): void {
    if (pumpQueued || pumping || timer !== undefined || finalWait !== undefined) return;
    pumpQueued = true;
    setImmediate(pump);
  }

  // Requests are decided, then built, then dispatched, a batch at a time rather than one by one: the
  // generator and the socket writes each run warm. Measured at full speed on loopback, building between
  // two writes cost about twice the CPU it costs in a row (caches, branch predictors and GC disturbed by
  // each syscall). A batch is at most the free concurrency, MAX_BATCH requests and MAX_BATCH_BUILD_MS
  // of building; each request still gets its own event time, ids and signature when it is built, a
  // couple of ms at most before its send, and its lateness is judged when it is sent.
  function pumpDue(): void {
    for (;;) {
      const stop = decideBatch();
      if (batchLength > 0) sendBatch();
      if (stop === 'end') return endScheduling();
      if (stop === 'wait') return waitUntilDue(pacer.waitMs);
      if (stop === 'saturated') return;
    }
  }

  /**
   * Sleeps until the next due time. A timer counts whole milliseconds and never fires sooner than 1 ms,
   * so it sleeps the whole milliseconds and a wake-up before the due time re-arms; under half a
   * millisecond from it, the engine comes back on the next turn of the event loop instead (I/O still
   * runs between turns), which costs at most that half millisecond of CPU per wait. Measured at 200/s:
   * a 1 ms timer for the remainder made requests late by 0.77 ms at the median.
   */
  function waitUntilDue(waitMs: number): void {
    if (waitMs < FINAL_WAIT_MS) finalWait = setImmediate(pump);
    else timer = setTimeout(pump, Math.max(1, Math.floor(waitMs)));
  }

  /**
   * Fills the batch with the requests due now, each built as it is taken; says why it stopped ('more'
   * when the batch is full or has used its build time).
   */
  function decideBatch(): 'end' | 'wait' | 'saturated' | 'more' {
    const room = Math.min(options.concurrency - sweeper.size, MAX_BATCH);
    const now = nowMs();
    for (;;) {
      const next = pacer.poll(now);
      if (next !== 'due') return next;
      // Saturated: a completion pumps again, and the request's lateness is judged then.
      if (batchLength >= room) return batchLength === 0 ? 'saturated' : 'more';
      const { index, dueMs } = pacer;
      const second = recorder.scheduled(dueMs);
      if (pacer.take(now) === 'drop') recorder.dropped(second);
      else {
        batchRequest[batchLength] = hooks.makeRequest(index, new Date());
        batchDueMs[batchLength] = dueMs;
        batchSecond[batchLength] = second;
        batchLength++;
      }
      if (batchLength > 0 && nowMs() - now >= MAX_BATCH_BUILD_MS) return 'more';
    }
  }

  function sendBatch(): void {
    const count = batchLength;
    batchLength = 0;
    for (let k = 0; k < count; k++) {
      send(batchRequest[k]!, batchDueMs[k]!, batchSecond[k]!);
      batchRequest[k] = undefined;
      batchSecond[k] = undefined;
    }
  }

  function send(request: LoadRequest, dueMs: number, second: TimelineSecond): void {
    const sendMs = nowMs();
    recorder.sent(request.trigger, dueMs, sendMs, second);
    const entry: Active = { dueMs, sendMs, deadlineMs: sendMs + options.timeoutMs, second, request, handle: null, slot: -1 };
    sweeper.add(entry);
    const finish = (result: TransportResult): void => complete(entry, result);
    if (request.wire === undefined) entry.handle = transport.send(path, request.headers, request.body, finish);
    else if (transport.sendWire !== undefined) entry.handle = transport.sendWire(request.wire, finish);
    // Complete bytes cannot go through a transport that writes its own head (undici, for https:).
    else return complete(entry, INVALID_REQUEST);
    // A transport may fail synchronously; the entry is then already complete and no longer in flight.
    if (entry.slot === -1) entry.handle = null;
    else if (hooks.abortSignal?.aborted === true) entry.handle.abort('aborted');
  }

  function complete(entry: Active, result: TransportResult): void {
    const endMs = nowMs();
    sweeper.delete(entry);
    recorder.completed(entry, result, endMs);
    if (schedulingDone) finishIfIdle();
    else schedulePump();
  }

  // The engine already knows every request in flight (the sweeper's), so aborting them all needs no
  // per-request wrapper around the transport.
  function onAbortNow(): void {
    sweeper.abortAll('aborted');
  }

  function onAbort(): void {
    if (schedulingDone && sweeper.size === 0) return;
    interrupted = true;
    endScheduling();
    if (sweeper.size > 0) graceTimer = setTimeout(() => sweeper.abortAll('aborted'), options.graceMs);
  }

  if (hooks.signal?.aborted === true) {
    interrupted = true;
    endScheduling();
  } else {
    hooks.signal?.addEventListener('abort', onAbort, { once: true });
    hooks.abortSignal?.addEventListener('abort', onAbortNow, { once: true });
    // Start on a fresh tick so the caller can attach to `stats` before the first send.
    setImmediate(pump);
  }
  return { stats, done };
}
