/**
 * The payload type of every built-in trigger, as documented (reference §1). `PayloadOf<'SALE_NEW'>` is
 * the SALE_NEW body; an id outside the catalog (a custom template) is `Record<string, unknown>`.
 */
export type AtomDate = string;

export interface Named {
  id: number;
  name: string;
}

// ---- automation dialect -------------------------------------------------------------------------

export interface AutomationContact {
  id: number;
  email: string;
  /** `[]` when the contact has no fields (PHP's empty array), else values keyed by slug. */
  fields: never[] | Record<string, string>;
  ip: string | null;
  referred_by_contact_id: number | null;
  referred_by_contact_email: string | null;
}

export interface AutomationFunnelStep {
  id: number;
  name: string;
  type: string;
  funnel: Named;
}

export interface AutomationEnvelope<Type extends string, Data> {
  type: Type;
  data: Data;
  account: { email: string };
  created_at: AtomDate;
}

export interface AutomationCourse {
  id: number;
  name: string;
  description: string | null;
}

interface ResourceBase {
  quantity: number | null;
  enrollment_access_type: string | null;
  enrollment_dripping_access_course: null;
}

export type AutomationSaleResource =
  | (ResourceBase & { type: 'systemeio_tag'; course: null; course_bundle: null; physical_product: null; data: Named })
  | (ResourceBase & { type: 'membership_course'; course_bundle: null; physical_product: null; tag: null; data: AutomationCourse })
  | (ResourceBase & { type: 'course_bundle'; course: null; physical_product: null; tag: null; data: Named })
  | (ResourceBase & { type: 'physical_product'; course: null; course_bundle: null; tag: null; data: Named });

export interface AutomationSaleData {
  customer: {
    id: number;
    payment_processor: string;
    contact_id: number;
    email: string;
    fields: Record<string, string>;
    client_ip: string;
  };
  funnel_step: AutomationFunnelStep;
  offer_price_plan: {
    id: number;
    name: string;
    inner_name: string;
    type: 'one_shot' | 'subscription';
    direct_charge_amount: number;
    subscription_plan: {
      interval: string;
      interval_count: number;
      trial_period: number | null;
      trial_interval: string | null;
      limit_of_payments: number | null;
    } | null;
    currency: string;
  };
  order: { id: number; created_at: AtomDate };
  order_item: { id: number; created_at: AtomDate; resources: AutomationSaleResource[] };
  coupon: {
    id: number;
    inner_name: string;
    code: string;
    discount_amount: number;
    discount_type: 'percent' | 'fixed';
    expiration_date: AtomDate | null;
    limit_of_use: number | null;
  } | null;
}

export type ContactOptinFunnelStepPayload = AutomationEnvelope<
  'contact.optin.completed',
  { funnel_step: AutomationFunnelStep; contact: AutomationContact }
>;
export type ContactOptinBlogPagePayload = AutomationEnvelope<
  'contact.optin.completed',
  { page_model: { id: number; name: string; blog: Named }; contact: AutomationContact }
>;
export type CustomerSaleCompletedPayload = AutomationEnvelope<'customer.sale.completed', AutomationSaleData>;
export type ContactTagAddedPayload = AutomationEnvelope<'contact.tag.added', { tag: Named; contact: AutomationContact }>;
export type ContactTagRemovedPayload = AutomationEnvelope<'contact.tag.removed', { tag: Named; contact: AutomationContact }>;
export type ContactWebinarRegisteredPayload = AutomationEnvelope<
  'contact.webinar.registered',
  {
    webinar: { id: number; duration: string; funnel_step: AutomationFunnelStep };
    contact: AutomationContact;
    registered_at: AtomDate;
    scheduled_at: AtomDate;
  }
>;
export type ContactCourseEnrolledPayload = AutomationEnvelope<
  'contact.course.enrolled',
  { course: AutomationCourse; contact: AutomationContact; access_type: string }
>;
export type ContactCourseBundleEnrolledPayload = AutomationEnvelope<
  'contact.course_bundle.enrolled',
  { course_bundle: Named; contact: AutomationContact; access_type: string; first_active_course: AutomationCourse | null }
>;
export type ContactCampaignFinishedPayload = AutomationEnvelope<
  'contact.campaign.finished',
  { campaign: AutomationCourse; contact: AutomationContact }
>;
export type ContactPageVisitedPayload = AutomationEnvelope<
  'contact.page.visited',
  { funnel_step: AutomationFunnelStep; contact: AutomationContact }
>;
export type ContactEmailLinkClickedPayload = AutomationEnvelope<
  'contact.email_link.clicked',
  { sent_email: { id: number; subject: string }; contact: AutomationContact }
>;

// ---- webhooks dialect ---------------------------------------------------------------------------

/** The contact of the webhooks service, the same object as the REST API's contact. */
export interface WebhookContact {
  id: number;
  email: string;
  registeredAt: AtomDate;
  locale: string;
  sourceURL: string | null;
  unsubscribed: boolean;
  bounced: boolean;
  needsConfirmation: boolean;
  fields: { fieldName: string; slug: string; value: string | null }[];
  tags: Named[];
}

export interface ContactPayload {
  contact: WebhookContact;
}

export interface ContactTagPayload {
  contact: WebhookContact;
  tag: Named;
}

export interface SalePayload {
  customer: {
    id: number;
    clientIp: string;
    contactId: number;
    email: string;
    fields: Record<string, string>;
    paymentProcessor: string;
    sourceUrl: string;
  };
  coupon: {
    innerName: string;
    code: string;
    discountAmount: number;
    discountType: 'percent' | 'fixed';
    expirationDate: AtomDate | null;
    limitOfUse: number | null;
  } | null;
  funnelStep: AutomationFunnelStep;
  checkoutPage: null;
  order: {
    id: number;
    createdAt: AtomDate;
    discountAmount: number | null;
    discountType: 'percent' | 'fixed' | null;
    shippingFee: number | null;
    totalPrice: number;
    /** A PHP float: encoded with a fraction (`0.0`). */
    vat: number;
  };
  orderItem: {
    createdAt: AtomDate;
    id: number;
    resources: {
      course: Named | null;
      courseBundle: Named | null;
      enrollmentAccessType: string | null;
      enrollmentDrippingAccessCourse: null;
      physicalProduct: { id: number; name: string; options: unknown[] } | null;
      tag: Named | null;
    }[];
  };
  pricePlan: {
    id: number;
    name: string;
    type: 'one_shot' | 'subscription';
    amount: number;
    currency: string;
    innerName: string;
    recurringOptions: {
      interval: string;
      intervalCount: number;
      trialPeriod: number | null;
      trialInterval: string | null;
      limitOfPayments: number | null;
    } | null;
    statementDescriptor: string;
  };
}

/** Trigger id -> payload type, for `generate('SALE_NEW')` without casts. */
export interface PayloadMap {
  'contact.optin.completed:funnel-step': ContactOptinFunnelStepPayload;
  'contact.optin.completed:blog-page': ContactOptinBlogPagePayload;
  'customer.sale.completed': CustomerSaleCompletedPayload;
  'contact.tag.added': ContactTagAddedPayload;
  'contact.tag.removed': ContactTagRemovedPayload;
  'contact.webinar.registered': ContactWebinarRegisteredPayload;
  'contact.course.enrolled': ContactCourseEnrolledPayload;
  'contact.course_bundle.enrolled': ContactCourseBundleEnrolledPayload;
  'contact.campaign.finished': ContactCampaignFinishedPayload;
  'contact.page.visited': ContactPageVisitedPayload;
  'contact.email_link.clicked': ContactEmailLinkClickedPayload;
  CONTACT_CREATED: ContactPayload;
  CONTACT_TAG_ADDED: ContactTagPayload;
  CONTACT_TAG_REMOVED: ContactTagPayload;
  CONTACT_OPT_IN: ContactPayload;
  SALE_NEW: SalePayload;
  SALE_CANCELED: SalePayload;
}

export type TriggerId = keyof PayloadMap;

export type PayloadOf<T extends string> = T extends TriggerId ? PayloadMap[T] : Record<string, unknown>;
