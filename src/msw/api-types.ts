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

/** A module of a course: `GET /school/course-modules?courseId=` and a course's `modules`. */
export interface ApiCourseModule {
  id: number;
  name: string;
}

/**
 * A course: `GET /school/courses`. Keys from Airbyte's `source-systeme` manifest (schema
 * `course_resources`, auto-imported from live responses: `id, name, active, path, domainName, locale,
 * modules[{id, name}]`) and activepieces' `common/mappers.ts` (`courseRow`, which also reads
 * `description`). `description` is *assumed* present (activepieces reads it; Airbyte's live schema does
 * not list it). No `createdAt`: neither source shows one.
 */
export interface ApiCourse {
  id: number;
  name: string;
  active: boolean;
  description: string | null;
  path: string;
  domainName: string;
  locale: string;
  modules: ApiCourseModule[];
}

/**
 * The four access types activepieces sends (`common/dropdowns.ts` `accessTypeDropdown`,
 * `actions/enroll-contact-in-course.ts`); the partial ones come with `modules`.
 */
export type AccessType = 'full_access' | 'partial_access' | 'dripping_content' | 'partial_dripping_access';

/**
 * An enrollment: `GET /school/enrollments`, and the answer of `POST /school/courses/{id}/enrollments`.
 * Shape from activepieces' `common/mappers.ts` (`enrollmentRow`: `id, accessType, active, course{id,
 * name}, contact{id, email}`) and its tests of `remove-course-enrollment.ts`; `createdAt` is listed by
 * the issue's client survey; `modules` (kept for the partial access types) is *assumed* to be echoed.
 */
export interface ApiEnrollment {
  id: number;
  course: { id: number; name: string };
  contact: { id: number; email: string };
  accessType: AccessType;
  active: boolean;
  /** Module ids for `partial_access` / `partial_dripping_access`; empty otherwise. */
  modules: number[];
  createdAt: string;
}

/**
 * A community: `GET /community/communities`. Keys from Airbyte's live-imported schema `communities`
 * (`id, name, path, domainName`) and activepieces' `communityRow`.
 */
export interface ApiCommunity {
  id: number;
  name: string;
  path: string;
  domainName: string;
}

/**
 * A membership: `GET /community/memberships`. Shape from activepieces' `membershipRow`
 * (`id, community{id, name}, contact{id}`); `contact.email` and `createdAt` are *assumed*.
 */
export interface ApiMembership {
  id: number;
  community: { id: number; name: string };
  contact: { id: number; email: string };
  createdAt: string;
}

/** activepieces' `ai/list-subscriptions.ts` lists these statuses. */
export type SubscriptionStatus = 'active' | 'cancelled' | 'completed' | 'in_charge' | 'incomplete' | 'incomplete_expired';

/**
 * A payment subscription: `GET /payment/subscriptions?contact=`. Shape from activepieces'
 * `subscriptionRow` (`id, status, createdAt, cancelledAt, completedAt, pricePlan{id, name, type, amount,
 * currency, recurringOptions{interval, intervalCount}}`) and `actions/cancel-subscription.ts` (a cancel
 * at the period's end keeps `status: active` and sets `cancelledAt`). `contact` is *assumed*.
 */
export interface ApiSubscription {
  id: number;
  status: SubscriptionStatus;
  createdAt: string;
  cancelledAt: string | null;
  completedAt: string | null;
  contact: { id: number; email: string };
  pricePlan: {
    id: number;
    name: string;
    type: string;
    amount: number;
    currency: string;
    recurringOptions: { interval: string; intervalCount: number; [key: string]: unknown } | null;
  };
}

/** A newsletter: `POST /mailing/newsletters` (shape *assumed* beyond `content{subject, bodyHtml}`). */
export interface ApiNewsletter {
  id: number;
  content: { subject: string; bodyHtml: string };
  includedTagIds: number[];
  status: 'draft' | 'sent';
  createdAt: string;
  sentAt: string | null;
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

/** A course to put in the store. Missing values are filled (`active: true`, a path from the name, ...). */
export interface CourseInput {
  id?: number;
  name: string;
  description?: string | null;
  active?: boolean;
  path?: string;
  domainName?: string;
  locale?: string;
  /** Module names, or modules with fixed ids. Default: none. */
  modules?: Array<string | { id?: number; name: string }>;
}

/** A community to put in the store. */
export interface CommunityInput {
  id?: number;
  name: string;
  path?: string;
  domainName?: string;
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
