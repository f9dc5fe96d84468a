import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createEventBuilder } from './create-fire-request-factory.js';
import type { BuiltEvent, FireRequestFactoryOptions } from './create-fire-request-factory.js';

/** What the engine's thread hands its builder: the factory's options and the share of indexes to build. */
export interface RequestBuilderInit {
  kind: 'systeme-mock-request-builder';
  factory: FireRequestFactoryOptions;
  /** The first index, the step between indexes, and the bound (global indexes below `count`). */
  first: number;
  step: number;
  count: number;
}

/** A built event and the global index it was built for. */
export type IndexedEvent = BuiltEvent & { index: number };

export type ToBuilder = { type: 'build'; count: number };

export type FromBuilder = { type: 'built'; events: IndexedEvent[] } | { type: 'failed'; message: string };

/**
 * A builder's life: make the generator, warm it up on throwaway events (events are pure functions of
 * (seed, index), so nothing is consumed), then answer each `build` with the next events of its share,
 * each stamped with the time it was built as its event time.
 * @example new Worker(url, { workerData: init }) // runs runRequestBuilder(init) inside
 */
export function runRequestBuilder(init: RequestBuilderInit, port: NonNullable<typeof parentPort>): void {
  let buildEvent: (index: number, eventTime: Date) => BuiltEvent;
  try {
    buildEvent = createEventBuilder(init.factory);
    const now = new Date();
    for (let i = 0; i < 200 * init.factory.mix.length; i++) buildEvent(i, now);
  } catch (error) {
    port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromBuilder);
    return;
  }
  let next = init.first;
  port.on('message', (message: ToBuilder) => {
    const events: IndexedEvent[] = [];
    try {
      for (let k = 0; k < message.count && next < init.count; k++, next += init.step) {
        events.push({ ...buildEvent(next, new Date()), index: next });
      }
    } catch (error) {
      port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromBuilder);
      return;
    }
    port.postMessage({ type: 'built', events } satisfies FromBuilder);
  });
}

// This module is a builder thread's entry point: it only acts when loaded as one.
if (!isMainThread && parentPort !== null && (workerData as Partial<RequestBuilderInit> | null)?.kind === 'systeme-mock-request-builder') {
  runRequestBuilder(workerData as RequestBuilderInit, parentPort);
}
