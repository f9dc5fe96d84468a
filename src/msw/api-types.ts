/**
 * The REST API's resources as the mock serves them (reference §3). The contact is the same object the
 * webhooks service sends (reference §1b), so a contact read from the API equals the one in a delivery.
 */

/** One custom field value on a contact. */
export interface ApiContactField {
  fieldName: string;
  slug: string;
  value: string | null;
}

/** A tag as it appears on a contact and in tag webhooks. */
export interface ApiTagRef {
  id: number;
  name: string;
}

/** A contact: the REST API's shape, identical to the webhooks service's `contact`. */
export interface ApiContact {
  id: number;
  email: string;
  registeredAt: string;
  locale: string;
  sourceURL: string | null;
  unsubscribed: boolean;
  bounced: boolean;
  needsConfirmation: boolean;
  fields: ApiContactField[];
  tags: ApiTagRef[];
}

/** A tag resource: `GET /tags`. */
export interface ApiTag {
  id: number;
  name: string;
  createdAt: string;
}

/** A contact field definition: `GET /contact_fields`. */
export interface ApiContactFieldDefinition {
  slug: string;
  fieldName: string;
}

/** A course: `GET /school/courses`. */
export interface ApiCourse {
  id: number;
  name: string;
  description: string | null;
  createdAt: string;
}

export type AccessType = 'full_access' | 'partial_access' | 'dripping_content';

/** An enrollment: `GET /school/enrollments` (shape *unverified*). */
export interface ApiEnrollment {
  id: number;
  courseId: number;
  contactId: number;
  accessType: AccessType;
  createdAt: string;
}

/** The events a webhook registered through `POST /webhooks` can subscribe to. */
export type WebhookEventName =
  | 'CONTACT_CREATED'
  | 'CONTACT_TAG_ADDED'
  | 'CONTACT_TAG_REMOVED'
  | 'CONTACT_OPT_IN'
  | 'SALE_NEW'
  | 'SALE_CANCELED';

export interface ApiWebhookSubscription {
  event: WebhookEventName;
  schemaVersion: number;
}

/** A webhook of the Settings › Webhooks service. Its id doubles as `x-webhook-subscription-id`. */
export interface ApiWebhook {
  id: string;
  name: string;
  url: string;
  secret: string;
  subscriptions: ApiWebhookSubscription[];
  active: boolean;
  createdAt: string;
}

/** An automation rule ("call a webhook" action) registered from the test: unsigned deliveries. */
export interface AutomationRule {
  id: string;
  /** A trigger id of the automation dialect, e.g. `contact.tag.added` or `contact.optin.completed:blog-page`. */
  trigger: string;
  url: string;
}

/** A contact to put in the store. Missing values are filled like a contact created through the API. */
export interface ContactInput {
  id?: number;
  email: string;
  registeredAt?: string;
  locale?: string;
  sourceURL?: string | null;
  unsubscribed?: boolean;
  bounced?: boolean;
  needsConfirmation?: boolean;
  /** Unknown slugs become contact fields (fieldName defaults to the slug). */
  fields?: Array<{ slug: string; value: string | null; fieldName?: string }>;
  /** Tag names, or tags; unknown ones are created. */
  tags?: Array<string | { id?: number; name: string }>;
}

/** A tag to put in the store: a name, or a name with a fixed id. */
export type TagInput = string | { id?: number; name: string; createdAt?: string };

/** A course to put in the store. */
export interface CourseInput {
  id?: number;
  name: string;
  description?: string | null;
}

/** One request the mock sent to a webhook or automation URL, and what came back. */
export interface MockDelivery {
  dialect: 'webhooks' | 'automation';
  /** The trigger id: `SALE_NEW`, `contact.tag.added`, ... */
  trigger: string;
  url: string;
  /** The webhook (webhooks dialect) or rule (automation dialect) it was sent for. */
  targetId: string;
  /** `x-webhook-message-id`; null for the automation dialect, which has none. */
  messageId: string | null;
  /** Request headers, lowercase names, in the order sent. */
  headers: Array<[name: string, value: string]>;
  /** The exact body sent. */
  body: string;
  /** The receiver's status, or null when the request failed before an answer. */
  status: number | null;
  responseBody: string | null;
  /** Why the request failed, when it did. */
  error: string | null;
}
