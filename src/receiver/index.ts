// Receiver: the embedded inbox, and the checks it makes, usable alone.
export { createInbox } from './create-inbox.js';
export { inspectDelivery, describeJsonStyle } from './inspect-delivery.js';
export { identifyTrigger } from '../catalog/identify-trigger.js';
export { formatInboxLine } from './format-inbox-line.js';

export type { Inbox, InboxOptions, InboxDelivery } from './create-inbox.js';
export type { IncomingDelivery, InspectOptions, DeliveryVerdict, SignatureCheck, PayloadValidator } from './inspect-delivery.js';
export type { IdentifiedTrigger } from '../catalog/identify-trigger.js';
