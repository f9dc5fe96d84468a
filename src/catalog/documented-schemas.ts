import type { BuiltInTriggerId } from './triggers.js';
import { arr, atom, bool, emptyArray, enumOf, float, int, map, matching, nul, nullable, obj, oneOf, str, type Schema } from './schema.js';

/**
 * The documented shape of every built-in trigger (reference §1): SEED for the automation dialect, CAP
 * and activepieces for the webhooks service. Alternatives that no public example shows (a coupon
 * object, a subscription plan, resource types other than tag and course, ...) are the mock's stated
 * assumptions; the README lists them.
 */
const named = obj({ id: int, name: str });
const accessType = enumOf('full_access', 'partial_access', 'dripping_content');
const step = (types: Schema): Schema => obj({ id: int, name: str, type: types, funnel: named });
const anyStepType = enumOf(
  'squeeze',
  'opt_in_thank_you_page',
  'sales_page',
  'offer-form',
  'upsell',
  'thank_you_page',
  'webinar_registration',
  'webinar_thank_you',
);

const automationContact = obj({
  id: int,
  email: str,
  fields: oneOf({ empty: emptyArray, bySlug: map(str) }),
  ip: nullable(str),
  referred_by_contact_id: nullable(int),
  referred_by_contact_email: nullable(str),
});

const envelope = (type: string, data: Schema): Schema => obj({ type: enumOf(type), data, account: obj({ email: str }), created_at: atom });

const course = obj({ id: int, name: str, description: nullable(str) });

const resourceHead = { quantity: nul, enrollment_access_type: nul, enrollment_dripping_access_course: nul };
const automationResource = oneOf({
  systemeio_tag: obj({
    ...resourceHead,
    type: enumOf('systemeio_tag'),
    course: nul,
    course_bundle: nul,
    physical_product: nul,
    data: named,
  }),
  membership_course: obj({
    ...resourceHead,
    enrollment_access_type: accessType,
    type: enumOf('membership_course'),
    course_bundle: nul,
    physical_product: nul,
    tag: nul,
    data: course,
  }),
  course_bundle: obj({
    ...resourceHead,
    enrollment_access_type: accessType,
    type: enumOf('course_bundle'),
    course: nul,
    physical_product: nul,
    tag: nul,
    data: named,
  }),
  physical_product: obj({
    ...resourceHead,
    quantity: int,
    type: enumOf('physical_product'),
    course: nul,
    course_bundle: nul,
    tag: nul,
    data: named,
  }),
});

const paymentProcessor = enumOf('stripe', 'paypal', 'cash on delivery');
const currency = enumOf('eur', 'usd', 'gbp', 'chf', 'cad', 'brl');
const planType = enumOf('one_shot', 'subscription');
const discountType = enumOf('percent', 'fixed');

const customerSale = envelope(
  'customer.sale.completed',
  obj({
    customer: obj({ id: int, payment_processor: paymentProcessor, contact_id: int, email: str, fields: map(str), client_ip: str }),
    funnel_step: step(enumOf('offer-form', 'upsell')),
    offer_price_plan: obj({
      id: int,
      name: str,
      inner_name: str,
      type: planType,
      direct_charge_amount: int,
      subscription_plan: nullable(
        obj({
          interval: enumOf('month', 'year'),
          interval_count: int,
          trial_period: nullable(int),
          trial_interval: nullable(str),
          limit_of_payments: nullable(int),
        }),
      ),
      currency,
    }),
    order: obj({ id: int, created_at: atom }),
    order_item: obj({ id: int, created_at: atom, resources: arr(automationResource) }),
    coupon: nullable(
      obj({
        id: int,
        inner_name: str,
        code: str,
        discount_amount: int,
        discount_type: discountType,
        expiration_date: nullable(atom),
        limit_of_use: nullable(int),
      }),
    ),
  }),
);

const webhookContact = obj({
  id: int,
  email: str,
  registeredAt: atom,
  locale: enumOf('fr', 'en', 'es', 'de', 'pt', 'it'),
  sourceURL: nullable(matching(/^https:\/\//)),
  unsubscribed: bool,
  bounced: bool,
  needsConfirmation: bool,
  fields: arr(obj({ fieldName: str, slug: str, value: str })),
  tags: arr(named),
});

const sale = obj({
  customer: obj({ id: int, clientIp: str, contactId: int, email: str, fields: map(str), paymentProcessor, sourceUrl: str }),
  coupon: nullable(
    obj({ innerName: str, code: str, discountAmount: int, discountType, expirationDate: nullable(atom), limitOfUse: nullable(int) }),
  ),
  funnelStep: step(enumOf('offer-form', 'upsell')),
  checkoutPage: nul,
  order: obj({
    id: int,
    createdAt: atom,
    discountAmount: nullable(int),
    discountType: nullable(discountType),
    shippingFee: nullable(int),
    totalPrice: int,
    vat: float,
  }),
  orderItem: obj({
    createdAt: atom,
    id: int,
    resources: arr(
      obj({
        course: nullable(named),
        courseBundle: nullable(named),
        enrollmentAccessType: nullable(accessType),
        enrollmentDrippingAccessCourse: nul,
        physicalProduct: nullable(obj({ id: int, name: str, options: arr(str) })),
        tag: nullable(named),
      }),
    ),
  }),
  pricePlan: obj({
    id: int,
    name: str,
    type: planType,
    amount: int,
    currency,
    innerName: str,
    recurringOptions: nullable(
      obj({
        interval: enumOf('month', 'year'),
        intervalCount: int,
        trialPeriod: nullable(int),
        trialInterval: nullable(str),
        limitOfPayments: nullable(int),
      }),
    ),
    statementDescriptor: str,
  }),
});

export const DOCUMENTED_SCHEMAS: Readonly<Record<BuiltInTriggerId, Schema>> = {
  'contact.optin.completed:funnel-step': envelope(
    'contact.optin.completed',
    obj({ funnel_step: step(enumOf('squeeze')), contact: automationContact }),
  ),
  'contact.optin.completed:blog-page': envelope(
    'contact.optin.completed',
    obj({ page_model: obj({ id: int, name: str, blog: named }), contact: automationContact }),
  ),
  'customer.sale.completed': customerSale,
  'contact.tag.added': envelope('contact.tag.added', obj({ tag: named, contact: automationContact })),
  'contact.tag.removed': envelope('contact.tag.removed', obj({ tag: named, contact: automationContact })),
  'contact.webinar.registered': envelope(
    'contact.webinar.registered',
    obj({
      webinar: obj({ id: int, duration: matching(/^\d+$/), funnel_step: step(enumOf('webinar_registration')) }),
      contact: automationContact,
      registered_at: atom,
      scheduled_at: atom,
    }),
  ),
  'contact.course.enrolled': envelope('contact.course.enrolled', obj({ course, contact: automationContact, access_type: accessType })),
  'contact.course_bundle.enrolled': envelope(
    'contact.course_bundle.enrolled',
    obj({ course_bundle: named, contact: automationContact, access_type: accessType, first_active_course: nullable(course) }),
  ),
  'contact.campaign.finished': envelope('contact.campaign.finished', obj({ campaign: course, contact: automationContact })),
  'contact.page.visited': envelope('contact.page.visited', obj({ funnel_step: step(anyStepType), contact: automationContact })),
  'contact.email_link.clicked': envelope(
    'contact.email_link.clicked',
    obj({ sent_email: obj({ id: int, subject: str }), contact: automationContact }),
  ),
  CONTACT_CREATED: obj({ contact: webhookContact }),
  CONTACT_TAG_ADDED: obj({ contact: webhookContact, tag: named }),
  CONTACT_TAG_REMOVED: obj({ contact: webhookContact, tag: named }),
  CONTACT_OPT_IN: obj({ contact: webhookContact }),
  SALE_NEW: sale,
  SALE_CANCELED: sale,
};
