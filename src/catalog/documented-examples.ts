/**
 * Every payload systeme.io has published or that was captured in public (reference §1, §5), as text.
 * The drift report uses them to tell a documented alternative that was seen from one that is only
 * assumed, the JSON Schemas mark the assumed ones, and the tests check both against them.
 */
export interface DocumentedExample {
  /** The catalog trigger it is an example of. */
  readonly trigger: string;
  /** SEED (the 2021 help article, with its spacing) or CAP (a 2026 capture, exact compact bytes). */
  readonly source: string;
  readonly body: string;
  /** The capture's headers where the source published them. */
  readonly headers?: Readonly<Record<string, string>>;
}

const SEED = 'SEED: systeme.io help article (Serbian edition), 2021';

export const DOCUMENTED_EXAMPLES: readonly DocumentedExample[] = [
  {
    trigger: 'contact.optin.completed:funnel-step',
    source: SEED,
    body: '{"type": "contact.optin.completed","data": {"funnel_step": {"id": 2102831,"name": "Squeeze page","type": "squeeze","funnel": {"id": 614554,"name": "webhook data structure documentation"}},"contact": {"id": 29142804,"email": "temochkaykvlv+aslkfkvmk@gmail.com","fields": [],"ip": "31.173.103.109","referred_by_contact_id": null,"referred_by_contact_email": null}},"account": {"email": "temochkaykvlv@gmail.com"},"created_at": "2021-10-05T08:10:29+00:00"}',
  },
  {
    trigger: 'customer.sale.completed',
    source: SEED,
    body: '{"type": "customer.sale.completed","data": {"customer": {"id": 616824,"payment_processor": "paypal","contact_id": 20756080,"email": "test-1922@systeme.io","fields": {"country": "FR","phone_number": "test-1922","street_address": "test-1922","first_name": "test-1922","surname": "test-1922","postcode": "test-1922","city": "test-1922"},"client_ip": "172.31.31.127"},"funnel_step": {"id": 311,"name": "Comment cr\\u00e9er un blog qui rapporte","type": "offer-form","funnel": {"id": 118,"name": "Comment cr\\u00e9er un blog qui rapporte"}},"offer_price_plan": {"id": 19,"name": "Comment cr\\u00e9er un blog qui rapporte","inner_name": "Comment cr\\u00e9er un blog qui rapporte","type": "one_shot","direct_charge_amount": 583,"subscription_plan": null,"currency": "eur"},"order": {"id": 612661,"created_at": "2021-09-10T14:23:17+00:00"},"order_item": {"id": 763123,"created_at": "2021-09-10T14:23:17+00:00","resources": [{"quantity": null,"enrollment_access_type": null,"enrollment_dripping_access_course": null,"type": "systemeio_tag","course": null,"course_bundle": null,"physical_product": null,"data": {"id": 110,"name": "FR-Client-CCBQR-7"}},{"quantity": null,"enrollment_access_type": "full_access","enrollment_dripping_access_course": null,"type": "membership_course","course_bundle": null,"physical_product": null,"tag": null,"data": {"id": 111,"name": "Formation Un blog qui rapporte","description": null}}]},"coupon": null},"account": {"email": "aurelien@readmeimfamous.com"},"created_at": "2021-09-10T14:23:33+00:00"}',
  },
  {
    trigger: 'contact.tag.added',
    source: SEED,
    body: '{"type": "contact.tag.added","data": {"tag": {"id": 141002,"name": "MyAwesomeTag"},"contact": {"id": 29143587,"email": "temochkaykvlv+lksdllfnsnkfdls@gmail.com","fields": [],"ip": null,"referred_by_contact_id": null,"referred_by_contact_email": null}},"account": {"email": "temochkaykvlv@gmail.com"},"created_at": "2021-10-05T09:52:38+00:00"}',
  },
  {
    trigger: 'contact.tag.removed',
    source: SEED,
    body: '{"type": "contact.tag.removed","data": {"tag": {"id": 141002,"name": "MyAwesomeTag"},"contact": {"id": 27212122,"email": "temochkaykvlv+test@gmail.com","fields": {"first_name": "Tema test","surname": "Testovich"},"ip": null,"referred_by_contact_id": null,"referred_by_contact_email": null}},"account": {"email": "temochkaykvlv@gmail.com"},"created_at": "2021-10-05T09:54:08+00:00"}',
  },
  {
    trigger: 'contact.optin.completed:blog-page',
    source: SEED,
    body: '{"type": "contact.optin.completed","data": {"page_model": {"id": 2643372,"name": "Home page","blog": {"id": 33665,"name": "Test blog"}},"contact": {"id": 29148862,"email": "temochkaykvlv+sdadk@gmail.com","fields": [],"ip": "31.173.103.109","referred_by_contact_id": null,"referred_by_contact_email": null}},"account": {"email": "temochkaykvlv@gmail.com"},"created_at": "2021-10-05T10:25:23+00:00"}',
  },
  {
    trigger: 'contact.webinar.registered',
    source: SEED,
    body: '{"type": "contact.webinar.registered","data": {"webinar": {"id": 54072,"duration": "7200","funnel_step": {"id": 2103445,"name": "Webinar registration","type": "webinar_registration","funnel": {"id": 614774,"name": "webinar funnel"}}},"contact": {"id": 29149232,"email": "temochkaykvlv+wklm@gmail.com","fields": [],"ip": null,"referred_by_contact_id": null,"referred_by_contact_email": null},"registered_at": "2021-10-05T10:37:06+00:00","scheduled_at": "2021-10-05T15:00:00+00:00"},"account": {"email": "temochkaykvlv@gmail.com"},"created_at": "2021-10-05T10:37:06+00:00"}',
  },
  {
    trigger: 'contact.course.enrolled',
    source: SEED,
    body: '{"type": "contact.course.enrolled","data": {"course": {"id": 44685,"name": "webhook data structure doc","description": null},"contact": {"id": 29150265,"email": "temochkaykvlv+kek@gmail.com","fields": {"first_name": "name","surname": "last name"},"ip": null,"referred_by_contact_id": null,"referred_by_contact_email": null},"access_type": "full_access"},"account": {"email": "temochkaykvlv@gmail.com"},"created_at": "2021-10-05T11:12:29+00:00"}',
  },
  {
    trigger: 'contact.course_bundle.enrolled',
    source: SEED,
    body: '{"type": "contact.course_bundle.enrolled","data": {"course_bundle": {"id": 6624,"name": "webhook data structure doc"},"contact": {"id": 27212122,"email": "temochkaykvlv+test@gmail.com","fields": {"first_name": "Tema test","surname": "Testovich"},"ip": null,"referred_by_contact_id": null,"referred_by_contact_email": null},"access_type": "full_access","first_active_course": null},"account": {"email": "temochkaykvlv@gmail.com"},"created_at": "2021-10-05T15:42:47+00:00"}',
  },
  {
    trigger: 'contact.campaign.finished',
    source: SEED,
    body: '{ "type": "contact.campaign.finished", "data": { "campaign": { "id": 82393, "name": "test campaign", "description": "webhook data structure doc" }, "contact": { "id": 29150412, "email": "temochkaykvlv+luiklas@gmail.com", "fields": { "first_name": "sadkl;", "surname": "dsl;;" }, "ip": null, "referred_by_contact_id": null, "referred_by_contact_email": null } }, "account": { "email": "temochkaykvlv@gmail.com" }, "created_at": "2021-10-05T15:42:53+00:00" }',
  },
  {
    trigger: 'contact.page.visited',
    source: SEED,
    body: '{"type": "contact.page.visited","data": {"funnel_step": {"id": 2102832,"name": "Thank You \\/ Download Page","type": "opt_in_thank_you_page","funnel": {"id": 614554,"name": "webhook data structure documentation"}},"contact": {"id": 29171084,"email": "temochkaykvlv+asdfg@gmail.com","fields": [],"ip": null,"referred_by_contact_id": null,"referred_by_contact_email": null}},"account": {"email": "temochkaykvlv@gmail.com"},"created_at": "2021-10-05T16:29:02+00:00"}',
  },
  {
    trigger: 'contact.email_link.clicked',
    source: SEED,
    body: '{"type": "contact.email_link.clicked","data": {"sent_email": {"id": 1321034,"subject": "test email webhook"},"contact": {"id": 24431099,"email": "temochkaykvlv@gmail.com","fields": {"first_name": "Test","surname": "Testovich"},"ip": null,"referred_by_contact_id": null,"referred_by_contact_email": null}},"account": {"email": "temochkaykvlv@gmail.com"},"created_at": "2021-10-07T10:07:08+00:00"}',
  },
  {
    trigger: 'contact.course.enrolled',
    source:
      'CAP: automation delivery captured 2026-09-27 with webhook.site (jawadboughalem/PULSACITY, src/lib/connectors/systeme/__fixtures__/contact-course-enrolled.body.json; personal values masked there)',
    body: '{"type":"contact.course.enrolled","data":{"course":{"id":680647,"name":"Formation test PULSACITY","description":null},"contact":{"referred_by_contact_id":null,"referred_by_contact_email":null,"id":445573087,"email":"utilisateurdemo+capture@example.com","fields":{"first_name":"Test","surname":"Capture"},"ip":null},"access_type":"full_access"},"account":{"email":"utilisateurdemo@example.com"},"created_at":"2026-09-27T19:57:41+00:00"}',
    headers: {
      'content-type': 'application/json',
      'accept-charset': 'ISO-8859-1,utf-8;q=0.7,*;q=0.7',
      'accept-language': 'en-us,en;q=0.5',
      accept: 'application/json',
      'user-agent': 'Symfony',
    },
  },
  {
    trigger: 'SALE_NEW',
    source:
      'CAP: webhooks delivery captured 2026-09-27 with webhook.site (values masked by the publisher, so the signature is over the unmasked bytes)',
    body: '{"customer":{"id":12799002,"clientIp":"203.0.113.10","contactId":445573087,"email":"utilisateurdemo+capture@example.com","fields":{"first_name":"Test","country":"FR","postcode":"75001"},"paymentProcessor":"cash on delivery","sourceUrl":"https:\\/\\/utilisateurdemo.systeme.io\\/466f06b8"},"coupon":null,"funnelStep":{"id":25610405,"name":"Bon de commande","type":"offer-form","funnel":{"id":7648170,"name":"Tunnel test PULSACITY"}},"checkoutPage":null,"order":{"id":12768313,"createdAt":"2026-09-27T20:16:26+00:00","discountAmount":null,"discountType":null,"shippingFee":null,"totalPrice":100,"vat":0.0},"orderItem":{"createdAt":"2026-09-27T20:16:26+00:00","id":15460129,"resources":[{"course":null,"courseBundle":null,"enrollmentAccessType":null,"enrollmentDrippingAccessCourse":null,"physicalProduct":{"id":170454,"name":"Produit physique test PULSACITY","options":[]},"tag":null}]},"pricePlan":{"id":3456303,"name":"Produit physique test PULSACITY","type":"one_shot","amount":100,"currency":"eur","innerName":"Produit physique test PULSACITY","recurringOptions":null,"statementDescriptor":""}}',
    headers: {
      'accept-encoding': 'gzip',
      'x-webhook-schema-version': '2',
      'x-webhook-signature': 'a782e59165d372689c48b905849337f614a217d9f929c3326701f2e258a7ee81',
      'x-webhook-delivery-attempt-timestamp': '2026-09-27T20:16:28+00:00',
      'x-webhook-delivery-attempt-id': '01a0e483-0a93-791e-8aa0-133b57df3f20',
      'x-webhook-event-timestamp': '2026-09-27T20:16:27+00:00',
      'x-webhook-event': 'SALE_NEW',
      'x-webhook-subscription-id': '01a0e461-30e6-7b5b-b3cb-4b3aceac6b6c',
      'x-webhook-message-id': '01a0e483-09fb-7d11-ac67-be0fb3c6a98b',
      'user-agent': 'SystemeIO-Webhook',
      accept: 'application/json',
      'content-type': 'application/json',
    },
  },
];
