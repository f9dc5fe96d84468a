import type { Worker } from 'node:worker_threads';
import { SystemeMockError } from '../errors.js';
import { createAttemptStamper } from './create-fire-request-factory.js';
import type { FireRequestFactoryOptions } from './create-fire-request-factory.js';
import type { FromBuilder, IndexedEvent, RequestBuilderInit, ToBuilder } from './request-builder-thread.js';
import type { LoadRequest, RequestSource } from './run-load.js';
import { spawnLoadThread } from './spawn-load-thread.js';

export interface RequestBuilderPlan {
  /** The engine's share: indexes first, first + step, ... below count (Infinity when unbounded). */
  first: number;
  step: number;
  count: number;
  /** Events per message from the builder thread. */
  batchSize: number;
  /** The most events built but not yet sent, counting those being built. */
  ahead: number;
}

/** A RequestSource fed by a builder thread. */
export interface RequestBuilder extends RequestSource {
  /** Resolves once the first events are built; rejects when the builder cannot start. */
  readonly ready: Promise<void>;
  /** Set when the builder failed mid-run; the engine then starves, so the caller must stop it. */
  failure(): Error | null;
  onFailure(listener: (error: Error) => void): void;
  close(): Promise<void>;
}

/**
 * Builds events on a second thread, at most `ahead` events before they are sent, and stamps each as a
 * delivery attempt (attempt id, attempt time, headers) on the engine's thread when it is taken. At full
 * speed this takes generation and signing, about a third of the engine's CPU per request, off the
 * thread that drives the sockets. An event's time is when it was built, so it precedes its attempt by
 * the depth of the pipeline, as a real event precedes its delivery.
 * @example const builder = startRequestBuilder(factoryOptions, { first: 0, step: 1, count: Infinity, batchSize: 32, ahead: 128 }); await builder.ready
 */
export function startRequestBuilder(options: FireRequestFactoryOptions, plan: RequestBuilderPlan): RequestBuilder {
  // Stamping needs the trigger definitions: loading them here also fails fast on an unknown trigger.
  const stamp = createAttemptStamper(options);
  const init: RequestBuilderInit = { kind: 'systeme-mock-request-builder', factory: options, first: plan.first, step: plan.step, count: plan.count };
  const worker: Worker = spawnLoadThread('request-builder-thread', init);
  const chunks: IndexedEvent[][] = [];
  let position = 0;
  let readyCount = 0;
  let requested = 0;
  // How many indexes of the share are left to ask for.
  let unrequested = plan.count === Infinity ? Infinity : Math.max(0, Math.ceil((plan.count - plan.first) / plan.step));
  let failure: Error | null = null;
  let closed = false;
  let wake: () => void = () => {};
  const failureListeners: Array<(error: Error) => void> = [];
  let resolveReady!: () => void;
  let rejectReady!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // A run that never awaits `ready` (it failed first) must not turn a builder failure into an unhandled rejection.
  ready.catch(() => {});

  function topUp(): void {
    while (failure === null && unrequested > 0 && readyCount + requested < plan.ahead) {
      const count = Math.min(plan.batchSize, unrequested);
      worker.postMessage({ type: 'build', count } satisfies ToBuilder);
      requested += count;
      unrequested -= count;
    }
  }

  function fail(error: Error): void {
    if (failure !== null || closed) return;
    failure = error;
    rejectReady(error);
    for (const listener of failureListeners) listener(error);
  }

  worker.on('message', (message: FromBuilder) => {
    if (message.type === 'failed') {
      fail(new SystemeMockError(`Failed to build requests: ${message.message}`, { code: 'BUILDER' }));
      return;
    }
    chunks.push(message.events);
    readyCount += message.events.length;
    requested -= message.events.length;
    resolveReady();
    wake();
  });
  worker.on('error', (error) => fail(new SystemeMockError(`Failed to build requests: ${error.message}. Run with --workers 1 and a fixed --rate to build in-process.`, { code: 'BUILDER', cause: error })));
  worker.on('exit', (code) => fail(new SystemeMockError(`Failed to build requests: the builder thread exited with code ${code}.`, { code: 'BUILDER' })));
  topUp();

  return {
    ready,
    available: () => readyCount,
    take(index: number, now: Date): LoadRequest {
      const chunk = chunks[0];
      if (chunk === undefined) throw new Error('take() with no built request: check available() first.');
      const event = chunk[position]!;
      if (event.index !== index) throw new Error(`The builder built request ${event.index} where the engine takes ${index}.`);
      if (++position === chunk.length) {
        chunks.shift();
        position = 0;
      }
      readyCount--;
      topUp();
      return stamp(event, now);
    },
    onAvailable(listener) {
      wake = listener;
    },
    failure: () => failure,
    onFailure(listener) {
      failureListeners.push(listener);
    },
    async close() {
      closed = true;
      await worker.terminate();
    },
  };
}
