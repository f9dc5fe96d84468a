import type { DeliveryLog } from '../wire/delivery-log.js';
import type { TransportResult } from './create-load-transport.js';
import { compactSecond, isSettled, liveSecondHistogram, recordMicros, secondOf } from './load-stats.js';
import type { LoadStats, TimelineSecond } from './load-stats.js';

/** What the recorder knows of one request: its trigger and ids, its due and send times (ms after the start). */
export interface RecordedRequest {
  readonly request: { readonly trigger: string; readonly messageId: string; readonly attemptId: string | null };
  readonly dueMs: number;
  readonly sendMs: number;
  /** The timeline second of its due time. */
  readonly second: TimelineSecond;
}

export interface LoadRecorder {
  /** A request came due: counted as scheduled; returns the timeline second it belongs to. */
  scheduled(dueMs: number): TimelineSecond;
  /** A due request was too late to send. */
  dropped(second: TimelineSecond): void;
  /** A request was sent at `sendMs`: its lag, lateness, trigger and send times. */
  sent(trigger: string, dueMs: number, sendMs: number, second: TimelineSecond): void;
  /** A request ended at `endMs` (a response, an error, a timeout, an abort): counts, latencies, one log line. */
  completed(entry: RecordedRequest, result: TransportResult, endMs: number): void;
  /** The wall-clock time of the run's start (ms since the epoch), for the log's `time`. */
  wallStartMs: number;
}

/**
 * Every figure of a load run goes through here, so the engine only decides and dispatches: the stats
 * (see LoadStats) and the delivery log's lines. Latency is measured from the due time (coordinated
 * omission corrected) and from the actual send.
 * @example const recorder = createLoadRecorder(createLoadStats(), { url, lateAfterMs: 100, wallStartMs: Date.now() })
 */
export function createLoadRecorder(
  stats: LoadStats,
  options: { url: string; lateAfterMs: number; log?: DeliveryLog | undefined; wallStartMs: number },
): LoadRecorder {
  const { log, url, lateAfterMs } = options;
  const recorder: LoadRecorder = {
    wallStartMs: options.wallStartMs,
    scheduled(dueMs) {
      stats.scheduled++;
      return secondOf(stats, dueMs);
    },
    dropped(second) {
      stats.dropped++;
      second.dropped++;
    },
    sent(trigger, dueMs, sendMs, second) {
      recordMicros(stats.scheduleLag, (sendMs - dueMs) * 1000);
      if (sendMs - dueMs > lateAfterMs) {
        stats.late++;
        second.late++;
      }
      stats.sent++;
      second.sent++;
      stats.triggerCounts[trigger] = (stats.triggerCounts[trigger] ?? 0) + 1;
      if (Number.isNaN(stats.firstSendMs)) stats.firstSendMs = sendMs;
      stats.lastSendMs = sendMs;
    },
    completed(entry, result, endMs) {
      const { second } = entry;
      let ok = false;
      let error: string | null;
      if (result.status !== null) {
        stats.responses++;
        const key = String(result.status);
        stats.statusCounts[key] = (stats.statusCounts[key] ?? 0) + 1;
        const latencyUs = (endMs - entry.dueMs) * 1000;
        recordMicros(stats.latency, latencyUs);
        recordMicros(stats.serviceLatency, (endMs - entry.sendMs) * 1000);
        recordMicros(liveSecondHistogram(second, 'latency'), latencyUs);
        const serviceUs = Math.round((endMs - entry.sendMs) * 1000);
        recordMicros(liveSecondHistogram(second, 'serviceLatency'), serviceUs);
        if (serviceUs > second.serviceLatencyMaxUs) second.serviceLatencyMaxUs = serviceUs;
        second.statusCounts[key] = (second.statusCounts[key] ?? 0) + 1;
        second.responses++;
        second.latencySumUs += Math.round(latencyUs);
        if (latencyUs > second.latencyMaxUs) second.latencyMaxUs = Math.round(latencyUs);
        ok = result.status >= 200 && result.status < 300;
        error = ok ? null : `HTTP ${result.status}`;
      } else {
        const kind = result.errorKind ?? 'unknown';
        stats.errorCounts[kind] = (stats.errorCounts[kind] ?? 0) + 1;
        second.errorCounts[kind] = (second.errorCounts[kind] ?? 0) + 1;
        error = kind;
      }
      if (ok) {
        stats.ok++;
        second.ok++;
      } else {
        stats.failed++;
        second.failed++;
      }
      stats.endMs = Math.max(stats.endMs, endMs);
      // A second the schedule has left (see secondOf) is compacted when its last request ends.
      if (second.second < stats.timeline.length - 2 && isSettled(second)) compactSecond(second);
      log?.write({
        time: new Date(recorder.wallStartMs + entry.sendMs).toISOString(),
        trigger: entry.request.trigger,
        messageId: entry.request.messageId,
        attempt: 1,
        attemptId: entry.request.attemptId,
        url,
        status: result.status,
        durationMs: Math.round((endMs - entry.sendMs) * 1000) / 1000,
        error,
        ok,
      });
    },
  };
  return recorder;
}
