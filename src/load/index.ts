// Load-firing: open-loop pacing, a lean socket transport, HDR statistics, reports and thresholds.
export { fireLoad } from './fire-load.js';
export { normalizeFireOptions, LATE_AFTER_MS } from './normalize-fire-options.js';
export { parseRate, parseDuration, parseMix, parseThreshold } from './parse-load-values.js';
export { createSchedule } from './create-schedule.js';
export { createTriggerPicker } from './create-trigger-picker.js';
export { startLoad } from './run-load.js';
export { createLoadTransport } from './create-load-transport.js';
export { createSocketTransport, formatRequestPrefix } from './create-socket-transport.js';
export { chooseLoadTransport, chooseLoadTransportName } from './choose-load-transport.js';
export { createFireRequestFactory } from './create-fire-request-factory.js';
export { runFireWorkers } from './run-fire-workers.js';
export {
  createLoadStats,
  createLatencyHistogram,
  mergeLoadStats,
  encodeLoadStats,
  decodeHistogram,
  createSecondHistogram,
} from './load-stats.js';
export { buildFireReport, evaluateThresholds, summarizeHistogram, computeAchievedRate, describeSecond } from './build-fire-report.js';
export { formatFireSummary, formatProgressLine } from './format-fire-summary.js';

export type { FireHooks, FireOutcome, FireVerdict } from './fire-load.js';
export type { FireOptions, NormalizedFireOptions } from './normalize-fire-options.js';
export type { MixEntry, Threshold, ThresholdMetric, ThresholdOperator, Rate } from './parse-load-values.js';
export type { Schedule } from './create-schedule.js';
export type {
  LoadRequest,
  LoadRequestIds,
  LoadRequestParts,
  LoadWireRequest,
  MakeRequest,
  LoadEngineOptions,
  LoadEngineHooks,
  LoadRun,
} from './run-load.js';
export type { LoadTransport, TransportResult, InFlight } from './create-load-transport.js';
export type { LoadTransportName } from './choose-load-transport.js';
export type { FireRequestFactoryOptions } from './create-fire-request-factory.js';
export type { WorkersProgress, WorkerRunHooks } from './run-fire-workers.js';
export type { LoadStats, EncodedLoadStats, TimelineSecond } from './load-stats.js';
export type { FireReport, FireReportSecond, SecondPercentiles, LatencySummary, ThresholdResult } from './build-fire-report.js';
