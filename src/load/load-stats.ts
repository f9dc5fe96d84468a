import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';

/** One second of a run, by the second each request was due. */
export interface TimelineSecond {
  second: number;
  sent: number;
  ok: number;
  failed: number;
  dropped: number;
  late: number;
  /** Requests of that second that got an HTTP response (the latency figures cover these). */
  responses: number;
  /** Sum and maximum of the latencies (µs, from the intended send) of the responses of that second. */
  latencySumUs: number;
  latencyMaxUs: number;
  /** Maximum latency (µs) from the actual send of the responses of that second: exact, where its histogram keeps a bucket. */
  serviceLatencyMaxUs: number;
  /** Responses of that second by HTTP status, and requests that got none by error kind. */
  statusCounts: Record<string, number>;
  errorCounts: Record<string, number>;
  /**
   * That second's latencies (µs, from the intended and from the actual send) in a small histogram (see
   * createSecondHistogram): live while its requests are in flight, then compacted to its compressed
   * base64 (about 0.5 KB) so an hour of seconds stays a few MB; null before its first response.
   */
  latency: Histogram | string | null;
  serviceLatency: Histogram | string | null;
}

/** Every figure of a run (or one worker's share of it), all exactly mergeable. */
export interface LoadStats {
  /** Requests whose due time came: sent + dropped. */
  scheduled: number;
  sent: number;
  /** Requests that got an HTTP response, whatever the status. */
  responses: number;
  ok: number;
  /** Non-2xx responses plus transport errors. */
  failed: number;
  dropped: number;
  late: number;
  statusCounts: Record<string, number>;
  errorCounts: Record<string, number>;
  triggerCounts: Record<string, number>;
  /** Latency from the intended send time (coordinated omission corrected), µs. */
  latency: Histogram;
  /** Latency from the actual send, µs. */
  serviceLatency: Histogram;
  /** How late each request was sent against its due time, µs. */
  scheduleLag: Histogram;
  timeline: TimelineSecond[];
  /** ms after the run's start of the first and last send; NaN when nothing was sent. */
  firstSendMs: number;
  lastSendMs: number;
  /** ms after the run's start when the last request finished. */
  endMs: number;
}

/** LoadStats with histograms as HdrHistogram compressed base64 strings: what workers send, reports hold. */
export type EncodedLoadStats = Omit<LoadStats, 'latency' | 'serviceLatency' | 'scheduleLag'> & {
  latency: string;
  serviceLatency: string;
  scheduleLag: string;
};

const HISTOGRAM_MAX_US = 3_600_000_000; // one hour

/**
 * hdr-histogram-js's 32-bit histogram (what `build` makes for bitBucketSize 32, lowest value 1), with
 * the bucket index of a value computed from its leading zeros rather than from Math.log2, a division
 * and two Math.pow: the same index for every integer value from 1 to 2^32 - 1 (proved against the
 * library's own in test/load/load-stats.test.ts), about a quarter of the cost. Five values are recorded
 * per request, so at full speed this was 1 µs of the engine's per-request CPU.
 */
export class MicrosHistogram extends hdr.Int32Histogram {
  override countsArrayIndex(value: number): number {
    // Integers 1..2^32-1 with unitMagnitude 0 (lowest discernible value 1); anything else as the library does.
    if (value >= 1 && value <= 0xffff_ffff && Math.floor(value) === value && this.unitMagnitude === 0) {
      const bucketIndex = Math.max(31 - Math.clz32(value) - this.subBucketHalfCountMagnitude, 0);
      const subBucketIndex = value >>> bucketIndex;
      return bucketIndex * this.subBucketHalfCount + subBucketIndex;
    }
    return super.countsArrayIndex(value);
  }
}

function createMicrosHistogram(digits: number): Histogram {
  const histogram = new MicrosHistogram(1, HISTOGRAM_MAX_US, digits);
  histogram.autoResize = false;
  return histogram;
}

/** A microsecond histogram, 3 significant digits, up to one hour. */
export function createLatencyHistogram(): Histogram {
  return createMicrosHistogram(3);
}

/**
 * A second's latency histogram: 2 significant digits (values within 1%), 1 µs to one hour. About 14 KB
 * while live (against 93 KB for the run's 3-digit ones) and about 0.5 KB compacted.
 */
export function createSecondHistogram(): Histogram {
  return createMicrosHistogram(2);
}

/** A second's histogram to record into: created on first use, decoded again if it was compacted. */
export function liveSecondHistogram(second: TimelineSecond, key: 'latency' | 'serviceLatency'): Histogram {
  const value = second[key];
  if (value === null || typeof value === 'string') {
    const histogram = createSecondHistogram();
    if (value !== null) histogram.add(decodeHistogram(value));
    second[key] = histogram;
    return histogram;
  }
  return value;
}

/** A second's histogram to read (decoded when compacted), or null when it has no response. */
export function readSecondHistogram(
  second: Pick<TimelineSecond, 'latency' | 'serviceLatency'>,
  key: 'latency' | 'serviceLatency',
): Histogram | null {
  const value = second[key];
  return typeof value === 'string' ? decodeHistogram(value) : value;
}

/** Encodes a second's live histograms, so a settled second holds two short strings. */
export function compactSecond(second: TimelineSecond): void {
  for (const key of ['latency', 'serviceLatency'] as const) {
    const value = second[key];
    if (value !== null && typeof value !== 'string') second[key] = hdr.encodeIntoCompressedBase64(value);
  }
}

/** Every request of the second that was sent has ended. */
export const isSettled = (second: TimelineSecond): boolean => second.ok + second.failed === second.sent;

/** Records a value in µs, clamped into the histogram's range so an outlier never throws. */
export function recordMicros(histogram: Histogram, micros: number): void {
  histogram.recordValue(Math.min(HISTOGRAM_MAX_US, Math.max(1, Math.round(micros))));
}

/** Empty stats. */
export function createLoadStats(): LoadStats {
  return {
    scheduled: 0,
    sent: 0,
    responses: 0,
    ok: 0,
    failed: 0,
    dropped: 0,
    late: 0,
    statusCounts: {},
    errorCounts: {},
    triggerCounts: {},
    latency: createLatencyHistogram(),
    serviceLatency: createLatencyHistogram(),
    scheduleLag: createLatencyHistogram(),
    timeline: [],
    firstSendMs: NaN,
    lastSendMs: NaN,
    endMs: 0,
  };
}

/** The timeline entry of a second, created (with every earlier second) on first use. */
export function secondOf(stats: LoadStats, dueMs: number): TimelineSecond {
  const second = Math.max(0, Math.floor(dueMs / 1000));
  while (stats.timeline.length <= second) {
    stats.timeline.push({
      second: stats.timeline.length,
      sent: 0,
      ok: 0,
      failed: 0,
      dropped: 0,
      late: 0,
      responses: 0,
      latencySumUs: 0,
      latencyMaxUs: 0,
      serviceLatencyMaxUs: 0,
      statusCounts: {},
      errorCounts: {},
      latency: null,
      serviceLatency: null,
    });
    // The schedule has moved two seconds on: an older second whose requests all ended is compacted
    // (the recorder compacts the others when their last request ends; a late one decodes it again).
    const older = stats.timeline[stats.timeline.length - 3];
    if (older !== undefined && isSettled(older)) compactSecond(older);
  }
  return stats.timeline[second]!;
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
}

/** Encodes stats for a worker message or a report. */
export function encodeLoadStats(stats: LoadStats): EncodedLoadStats {
  return {
    ...stats,
    // Plain strings cross a worker's postMessage; histogram objects would lose their methods.
    timeline: stats.timeline.map((s) => {
      const copy = { ...s };
      compactSecond(copy);
      return copy;
    }),
    latency: hdr.encodeIntoCompressedBase64(stats.latency),
    serviceLatency: hdr.encodeIntoCompressedBase64(stats.serviceLatency),
    scheduleLag: hdr.encodeIntoCompressedBase64(stats.scheduleLag),
  };
}

/** Decodes one base64 histogram (as found in a report) back into a histogram. */
export function decodeHistogram(base64: string): Histogram {
  return hdr.decodeFromCompressedBase64(base64, 32, false);
}

/**
 * Merges stats exactly: counts add, histograms add bucket by bucket, timelines add second by second.
 * @example mergeLoadStats([a, b]).sent === a.sent + b.sent
 */
export function mergeLoadStats(parts: ReadonlyArray<LoadStats | EncodedLoadStats>): LoadStats {
  const merged = createLoadStats();
  for (const part of parts) {
    merged.scheduled += part.scheduled;
    merged.sent += part.sent;
    merged.responses += part.responses;
    merged.ok += part.ok;
    merged.failed += part.failed;
    merged.dropped += part.dropped;
    merged.late += part.late;
    addCounts(merged.statusCounts, part.statusCounts);
    addCounts(merged.errorCounts, part.errorCounts);
    addCounts(merged.triggerCounts, part.triggerCounts);
    for (const key of ['latency', 'serviceLatency', 'scheduleLag'] as const) {
      const value = part[key];
      merged[key].add(typeof value === 'string' ? decodeHistogram(value) : value);
    }
    for (const s of part.timeline) {
      const t = secondOf(merged, s.second * 1000);
      t.sent += s.sent;
      t.ok += s.ok;
      t.failed += s.failed;
      t.dropped += s.dropped;
      t.late += s.late;
      t.responses += s.responses;
      t.latencySumUs += s.latencySumUs;
      t.latencyMaxUs = Math.max(t.latencyMaxUs, s.latencyMaxUs);
      t.serviceLatencyMaxUs = Math.max(t.serviceLatencyMaxUs, s.serviceLatencyMaxUs);
      addCounts(t.statusCounts, s.statusCounts);
      addCounts(t.errorCounts, s.errorCounts);
      for (const key of ['latency', 'serviceLatency'] as const) {
        const histogram = readSecondHistogram(s, key);
        if (histogram !== null) liveSecondHistogram(t, key).add(histogram);
      }
      compactSecond(t);
    }
    if (!Number.isNaN(part.firstSendMs)) {
      merged.firstSendMs = Number.isNaN(merged.firstSendMs) ? part.firstSendMs : Math.min(merged.firstSendMs, part.firstSendMs);
      merged.lastSendMs = Number.isNaN(merged.lastSendMs) ? part.lastSendMs : Math.max(merged.lastSendMs, part.lastSendMs);
    }
    merged.endMs = Math.max(merged.endMs, part.endMs);
  }
  return merged;
}
