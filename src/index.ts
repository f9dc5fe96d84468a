// systeme-mock: plays systeme.io for the people who integrate with it.
// The root entry's runtime exports are a deliberate list (test/house/public-api.test.ts pins it): each
// is a semver promise. MSW handlers live behind `systeme-mock/msw` (msw is optional), and the signature
// helpers also have a lean entry of their own, `systeme-mock/signature`. The load engine's parts
// (transport, pacer, statistics, report formatting) stay private: fireLoad and its hooks are the API.

// Catalog: every documented trigger, both dialects, and their documented shapes.
export { BUILT_IN_TRIGGERS, customTrigger } from './catalog/triggers.js';
export { getTrigger, listTriggers, loadCatalog } from './catalog/catalog.js';
export { identifyTrigger } from './catalog/identify-trigger.js';
export { checkPayload, validatePayload } from './catalog/validate-payload.js';

// Captures: validate real deliveries against the catalog, grow templates from them, JSON Schemas.
export { compareShape } from './catalog/compare-shape.js';
export { buildJsonSchema } from './catalog/to-json-schema.js';
export { readCaptures } from './capture/read-captures.js';
export { validateCapture } from './capture/validate-capture.js';
export { growTemplate } from './capture/grow-template.js';

// Generation: seeded, template-driven, byte-faithful.
export { generate, generateEvents, createGenerator } from './generate/generator.js';
export { createJourneyGenerator, generateJourneys } from './journey/generate-journeys.js';
export { listJourneys, loadJourney } from './journey/load-journey.js';
export { writeFixtures } from './generate/write-fixtures.js';

// Bytes: PHP's json_encode and ATOM dates.
export { encodePhpJson } from './encode/encode-php-json.js';
export { formatAtomDate } from './encode/atom-date.js';

// Signatures (also at `systeme-mock/signature`).
export { signPayload, createPayloadSigner, verifySignature } from './signature/index.js';

// Deliveries: one event with retries, or a sequential run.
export { normalizeSendOptions } from './delivery/normalize-send-options.js';
export { deliverEvent } from './delivery/deliver-event.js';
export { sendEvents } from './delivery/send-events.js';
export { SYSTEME_IO_SOURCE_IPS } from './wire/headers.js';

// The embedded inbox, and the checks it makes.
export { createInbox } from './receiver/create-inbox.js';
export { inspectDelivery } from './receiver/inspect-delivery.js';

// Load-firing, and its reports: merged exactly across processes and machines, rendered as one HTML file.
export { fireLoad } from './load/fire-load.js';
export { mergeFireReports } from './report/merge-fire-reports.js';
export { readReportFile } from './report/read-report-file.js';
export { writeHtmlReport } from './report/write-html-report.js';

// Errors.
export { SystemeMockError, UsageError, UnknownTriggerError, TemplateError, OverrideError, DeliveryError, JourneyError } from './errors.js';

export type { BuiltInTriggerId, CheckedTriggerId, CustomTriggerId, Dialect, TriggerDefinition } from './catalog/triggers.js';
export type { Catalog, CatalogOptions, LoadedTrigger } from './catalog/catalog.js';
export type { IdentifiedTrigger } from './catalog/identify-trigger.js';
export type * from './catalog/payloads.js';
export type { EventGenerator, EventOptions, GenerateEventsOptions } from './generate/generator.js';
export type { PayloadCheck, ValidatePayloadOptions } from './catalog/validate-payload.js';
export type { JourneyEvent, JourneyGenerator, JourneyRunOptions } from './journey/generate-journeys.js';
export type { JourneyDefinition, JourneyStep, CarryOver, Delay, OfferRequirement } from './journey/define-journey.js';
export type { JourneyOptions } from './journey/load-journey.js';
export type { JourneyPlan, PlannedStep } from './journey/plan-journey.js';
export type { DeepPartial, GeneratedEvent, GenerateOptions, GeneratorOptions } from './generate/types.js';
export type { FixtureFormat, WriteFixturesOptions, WriteFixturesResult } from './generate/write-fixtures.js';
export type { ShapeComparison, ShapeDifference, ShapeDifferenceKind, CompareShapeOptions } from './catalog/compare-shape.js';
export type { JsonSchema } from './catalog/to-json-schema.js';
export type { CapturedDelivery, CaptureForm } from './capture/read-captures.js';
export type { CaptureReport, CaptureSignature, CaptureStatus, ValidateCaptureOptions } from './capture/validate-capture.js';
export type { GrownTemplate, GrowTemplateOptions, GrowTemplateResult } from './capture/grow-template.js';
export type { FloatShape } from './encode/encode-php-json.js';
export type { PayloadBytes, SignatureHeader } from './signature/index.js';
export type { SendOptions, NormalizedSendOptions } from './delivery/normalize-send-options.js';
export type { FaultMode } from './delivery/apply-faults.js';
export type { DeliverableEvent, AttemptResult, DeliveryResult, DeliverContext } from './delivery/deliver-event.js';
export type { SendRunOptions, SendSummary } from './delivery/send-events.js';
export type { DeliveryLogEntry } from './wire/delivery-log.js';
export type { Inbox, InboxOptions, InboxDelivery } from './receiver/create-inbox.js';
export type { IncomingDelivery, InspectOptions, DeliveryVerdict, SignatureCheck, PayloadValidator } from './receiver/inspect-delivery.js';
export type { FireHooks, FireOutcome } from './load/fire-load.js';
export type { FireOptions } from './load/normalize-fire-options.js';
export type { FireReport, LatencySummary, ThresholdResult } from './load/build-fire-report.js';
export type { MergedFireReport, MergedSource, MergeFireReportsOptions } from './report/merge-fire-reports.js';
export type { ArtilleryOutput, ArtilleryPeriod, ReportFile } from './report/read-report-file.js';
export type { ErrorCode, SystemeMockErrorOptions } from './errors.js';
