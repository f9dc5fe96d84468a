// The `systeme-mock/msw` entry: the only place msw is imported, so the main entry works without it.

// API mock
export { createSystemeApi, DEFAULT_RATE_LIMIT } from './create-systeme-api.js';
// Receivers
export { createReceiverHandler } from './create-receiver-handler.js';
export { createWebhookRequest } from './create-webhook-request.js';
// Errors and limits
export { VIOLATION_CODES } from './api-responses.js';
export { PAGINATION_LIMITS } from './paginate.js';

export type { SystemeApi, SystemeApiOptions, SeedInput, EmitOptions, WebhookInput } from './create-systeme-api.js';
export type { FetchHandler, ReceivedDelivery, ReceiverHandler } from './create-receiver-handler.js';
export type { WebhookRequestOptions } from './create-webhook-request.js';
export type { PlayOptions, PlayResult, PlayedStep } from './play-journey.js';
export type { ApiStore } from './create-api-store.js';
export type { Violation } from './api-responses.js';
export type { ApiBehaviour } from './define-route.js';
export type {
  AccessType,
  ApiCommunity,
  ApiContact,
  ApiContactField,
  ApiContactFieldDefinition,
  ApiCourse,
  ApiCourseModule,
  ApiEnrollment,
  ApiMembership,
  ApiNewsletter,
  ApiSubscription,
  ApiTag,
  ApiTagRef,
  ApiWebhook,
  ApiWebhookSubscription,
  AutomationRule,
  CommunityInput,
  ContactInput,
  CourseInput,
  MockDelivery,
  SubscriptionStatus,
  TagInput,
  WebhookEventName,
} from './api-types.js';
