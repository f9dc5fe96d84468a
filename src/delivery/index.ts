// Delivery: systeme.io's headers, one delivery with retries, a sequential run, faults, the attempt log.
export { buildAutomationHeaders, buildWebhooksHeaders, buildWebhooksHeaderList, SYSTEME_IO_SOURCE_IPS } from '../wire/headers.js';
export { getHeader, setHeader, removeHeader } from '../wire/header-list.js';
export { createUuidV7, createStableUuidV7, createSubscriptionId } from '../wire/uuid-v7.js';
export { createDeliveryLog } from '../wire/delivery-log.js';
export { normalizeSendOptions, isSuccessStatus, parseStatusRanges, DEFAULT_SEND_OPTIONS } from './normalize-send-options.js';
export { computeRetryDelay, parseRetryAfter } from './compute-retry-delay.js';
export {
  applyFault,
  applyFaults,
  reserializeJson,
  FAULT_MODES,
  FAULT_DESCRIPTIONS,
  STALE_TIMESTAMP_AGE_MS,
} from './apply-faults.js';
export { prettyPrintJsonText } from './json-bytes.js';
export { deliverEvent, buildDeliveryRequest, assertDeliverable } from './deliver-event.js';
export { sendEvents } from './send-events.js';
export { formatDeliveryLine, formatSendSummary, describeSendFailure } from './format-send-report.js';
export { resolveSecrets, resolveSecret, SECRET_ENV } from '../wire/resolve-secrets.js';
export { readFixtureFile } from './read-fixture-file.js';

export type { HeaderList, WebhooksHeaderInput } from '../wire/headers.js';
export type { DeliveryLog, DeliveryLogEntry } from '../wire/delivery-log.js';
export type { SendOptions, NormalizedSendOptions } from './normalize-send-options.js';
export type { RetrySchedule } from './compute-retry-delay.js';
export type { FaultMode, FaultDescription, FaultContext, PreparedRequest } from './apply-faults.js';
export type { DeliverableEvent, AttemptIds, AttemptResult, DeliveryResult, DeliverContext } from './deliver-event.js';
export type { SendRunOptions, SendSummary } from './send-events.js';
export type { SecretSources } from '../wire/resolve-secrets.js';
export type { FixtureLine } from './read-fixture-file.js';
