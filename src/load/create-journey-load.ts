import type { DeliveryLog, DeliveryLogEntry } from '../wire/delivery-log.js';
import type { AccountConfiguration } from '../journey/causal-rules.js';
import { createJourneyGenerator, type JourneyEvent } from '../journey/generate-journeys.js';
import { createLoadRequestBuilder } from './create-fire-request-factory.js';
import type { Schedule } from './create-schedule.js';
import { createSchedule } from './create-schedule.js';
import type { MakeRequest } from './run-load.js';

/** How the journeys of a `fire --journey` run ended. */
export interface JourneyCounts {
  /** Journeys whose first step was sent. */
  started: number;
  /** Journeys whose every step was answered with a success. */
  completed: number;
  /** Journeys with a step that failed (an error or a status that is not a success). */
  broken: number;
}

export interface JourneyLoad {
  /** Request i of the run is the i-th journey event in time order. */
  schedule: Schedule;
  makeRequest: MakeRequest;
  /** Wraps the run's delivery log (or none) to follow each journey's steps. */
  track(log: DeliveryLog | undefined): DeliveryLog;
  counts(): JourneyCounts;
}

interface Due {
  dueMs: number;
  item: JourneyEvent;
}

/**
 * Journeys as load: journey j starts when request j of the plain schedule (rate, ramp) would be due, and
 * its later steps follow at their planned offsets divided by `speed`. Requests are numbered in time order.
 * @example const load = createJourneyLoad({ journey: 'lead-to-buyer', rate: 50, rampMs: 0, speed: 3600, url, seed: '7', secret })
 */
export function createJourneyLoad(options: {
  journey: string;
  rate: number;
  rampMs: number;
  speed: number;
  url: string;
  seed: string;
  secret: string | undefined;
  templatesDir?: string | undefined;
  raises?: AccountConfiguration | undefined;
}): JourneyLoad {
  const starts = createSchedule(options.rate, options.rampMs);
  // Journeys are planned on the wall clock from now, so their dates are when they are sent; the schedule
  // holds offsets from this start (the engine starts its own clock a moment later).
  const startMs = Math.floor(Date.now() / 1000) * 1000;
  const journeys = createJourneyGenerator(options.journey, {
    seed: options.seed,
    templatesDir: options.templatesDir,
    speed: options.speed,
    now: startMs,
    raises: options.raises,
  });
  const build = createLoadRequestBuilder(options);
  const pending: Due[] = [];
  const ordered: Due[] = [];
  let nextJourney = 0;
  let firstOrdered = 0;
  const byMessage = new Map<string, JourneyEvent>();
  const state = new Map<number, { answered: number; broken: boolean }>();
  const counts: JourneyCounts = { started: 0, completed: 0, broken: 0 };

  function insert(due: Due): void {
    let low = 0;
    let high = pending.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const other = pending[mid]!;
      if (
        other.dueMs < due.dueMs ||
        (other.dueMs === due.dueMs &&
          (other.item.journey < due.item.journey || (other.item.journey === due.item.journey && other.item.position < due.item.position)))
      )
        low = mid + 1;
      else high = mid;
    }
    pending.splice(low, 0, due);
  }

  /** Orders events until request `index` is known: a journey's events never precede its start. */
  function extendTo(index: number): Due | undefined {
    while (firstOrdered + ordered.length <= index) {
      const nextStart = starts.dueAt(nextJourney);
      if (pending.length === 0 || (Number.isFinite(nextStart) && nextStart <= pending[0]!.dueMs)) {
        if (!Number.isFinite(nextStart)) return undefined;
        const plan = journeys.plan(nextJourney, startMs + nextStart);
        for (const item of journeys.eventsOf(plan)) insert({ dueMs: item.atMs - startMs, item });
        nextJourney++;
        continue;
      }
      ordered.push(pending.shift()!);
    }
    return ordered[index - firstOrdered];
  }

  function take(index: number): Due {
    const due = extendTo(index)!;
    // Requests are taken in order: forget what is behind, so memory holds only the journeys under way.
    while (firstOrdered < index) {
      ordered.shift();
      firstOrdered++;
    }
    return due;
  }

  const schedule: Schedule = {
    dueAt: (index) => extendTo(index)?.dueMs ?? Infinity,
    countWithin(durationMs) {
      let n = firstOrdered;
      while ((extendTo(n)?.dueMs ?? Infinity) < durationMs) n++;
      return n;
    },
  };

  function settle(entry: DeliveryLogEntry): void {
    const item = byMessage.get(entry.messageId);
    if (item === undefined) return;
    byMessage.delete(entry.messageId);
    const journey = state.get(item.journey)!;
    if (journey.broken) return;
    if (!entry.ok) {
      journey.broken = true;
      counts.broken++;
      return;
    }
    journey.answered++;
    if (item.last) counts.completed++;
  }

  return {
    schedule,
    makeRequest(index, now) {
      const { item } = take(index);
      if (!state.has(item.journey)) {
        state.set(item.journey, { answered: 0, broken: false });
        counts.started++;
      }
      const request = build(item.event.trigger, item.event.body, item.event.eventTime, now);
      byMessage.set(request.messageId, item);
      return request;
    },
    track(log) {
      return {
        write(entry) {
          settle(entry);
          log?.write(entry);
        },
        flush: () => log?.flush(),
        close: () => log?.close(),
        failure: () => log?.failure(),
        linesWritten: () => log?.linesWritten() ?? 0,
      };
    },
    counts: () => ({ ...counts }),
  };
}
