import { BUILT_IN_TRIGGERS, type Dialect } from '../catalog/triggers.js';
import { compareShape } from '../catalog/compare-shape.js';
import {
  anyValue,
  arr,
  atom,
  bool,
  emptyArray,
  enumOf,
  float,
  int,
  map,
  nul,
  nullable,
  obj,
  oneOf,
  str,
  type Schema,
} from '../catalog/schema.js';
import { ATOM_DATE_PATTERN } from '../encode/atom-date.js';
import { UsageError } from '../errors.js';
import { identifyCapture } from './identify-capture.js';
import type { CapturedDelivery } from './read-captures.js';

/** A template file's content, as `--templates` loads it. */
export interface GrownTemplate {
  readonly trigger:
    | string
    | {
        readonly id: string;
        readonly dialect: Dialect;
        readonly wireName: string;
        readonly schemaVersion?: number;
        readonly description: string;
      };
  readonly notes: readonly string[];
  readonly body: unknown;
}

export interface GrowTemplateOptions {
  /** The trigger id of the template; default: the capture's wire name (a built-in id replaces that trigger). */
  readonly id?: string | undefined;
}

/** A template grown from a capture, with the capture's shape as the template reads it. */
export interface GrowTemplateResult {
  readonly template: GrownTemplate;
  /** Where the template goes in a `--templates` folder: `automation/<id>.json` or `webhooks/<id>.json`. */
  readonly file: string;
  readonly id: string;
  readonly dialect: Dialect;
  readonly wireName: string;
  /**
   * The capture's shape: key sets and JSON types, where each world value may take any value the world
   * gives it (an `ip` placeholder may be null). `validate --against` compares deliveries with it.
   */
  readonly shape: Schema;
  /** `$.data.contact.id <- {{contact.id}}`, one per placeholder. */
  readonly placeholders: readonly string[];
  /** `$.data.module.id = 12345`, one per value kept as captured. */
  readonly literals: readonly string[];
}

/** A world value a capture's value can become: the placeholder, and every value it can take. */
interface WorldValue {
  readonly path: string;
  readonly schema: Schema;
  readonly float?: boolean;
}

const v = (path: string, schema: Schema, isFloat = false): WorldValue => (isFloat ? { path, schema, float: true } : { path, schema });
const fieldsBySlug = oneOf({ empty: emptyArray, bySlug: map(str) });

/** The values each entity of the world (src/world/event-scope.ts) offers, by normalized key. */
function entityValues(entity: string, dialect: Dialect): Readonly<Record<string, WorldValue>> | undefined {
  const named = (root: string): Record<string, WorldValue> => ({ id: v(`${root}.id`, int), name: v(`${root}.name`, str) });
  switch (entity) {
    case 'contact':
      return {
        id: v('contact.id', int),
        email: v('contact.email', str),
        ip: v('contact.ip', nullable(str)),
        referredbycontactid: v('contact.referredByContactId', nullable(int)),
        referredbycontactemail: v('contact.referredByContactEmail', nullable(str)),
        registeredat: v('contact.registeredAt', atom),
        locale: v('contact.locale', str),
        sourceurl: v('contact.sourceUrl', nullable(str)),
        unsubscribed: v('contact.unsubscribed', bool),
        bounced: v('contact.bounced', bool),
        needsconfirmation: v('contact.needsConfirmation', bool),
        firstname: v('contact.firstName', str),
        lastname: v('contact.lastName', str),
        surname: v('contact.lastName', str),
        country: v('contact.country', str),
      };
    case 'customer':
      return {
        id: v('sale.customer.id', int),
        paymentprocessor: v('sale.customer.paymentProcessor', str),
        contactid: v('contact.id', int),
        email: v('contact.email', str),
        fields: v(dialect === 'automation' ? 'sale.customer.automationFields' : 'sale.customer.webhooksFields', map(str)),
        clientip: v('sale.customer.clientIp', str),
        sourceurl: v('sale.customer.sourceUrl', str),
      };
    case 'course':
    case 'campaign':
      return { ...named(entity), description: v(`${entity}.description`, nullable(str)) };
    case 'courseBundle':
    case 'tag':
    case 'blogPage':
    case 'blogPage.blog':
      return named(entity);
    case 'sentEmail':
      return { id: v('sentEmail.id', int), subject: v('sentEmail.subject', str) };
    case 'webinar':
      return { id: v('webinar.id', int), duration: v('webinar.duration', str) };
    case 'account':
      return { email: v('account.email', str) };
    case 'sale.order':
      return {
        id: v('sale.order.id', int),
        createdat: v('sale.order.createdAt', atom),
        discountamount: v('sale.order.discountAmount', nullable(int)),
        discounttype: v('sale.order.discountType', nullable(str)),
        shippingfee: v('sale.order.shippingFee', nullable(int)),
        totalprice: v('sale.order.totalPrice', int),
        vat: v('sale.order.vat', float, true),
      };
    case 'sale.orderItem':
      return { id: v('sale.orderItem.id', int), createdat: v('sale.orderItem.createdAt', atom) };
    case 'sale.pricePlan':
      return {
        ...named('sale.pricePlan'),
        innername: v('sale.pricePlan.innerName', str),
        type: v('sale.pricePlan.type', str),
        amount: v('sale.pricePlan.amount', int),
        directchargeamount: v('sale.pricePlan.amount', int),
        currency: v('sale.pricePlan.currency', str),
        statementdescriptor: v('sale.pricePlan.statementDescriptor', str),
      };
    default:
      // A funnel step (optinStep, visitedStep, sale.funnelStep, webinar.funnelStep) or its funnel.
      if (entity.endsWith('.funnel')) return named(entity);
      if (/(^|\.)(optinStep|visitedStep|funnelStep)$/.test(entity)) return { ...named(entity), type: v(`${entity}.type`, str) };
      return undefined;
  }
}

const normalize = (key: string): string => key.toLowerCase().replace(/_/g, '');

interface Context {
  readonly dialect: Dialect;
  readonly sale: boolean;
  readonly placeholders: string[];
  readonly literals: string[];
}

/** The world entity an object under these keys describes, if any. */
function entityOf(
  keys: readonly string[],
  value: Record<string, unknown>,
  parentEntity: string | undefined,
  context: Context,
): string | undefined {
  const key = normalize(keys[keys.length - 1] ?? '');
  const parent = normalize(keys[keys.length - 2] ?? '');
  switch (key) {
    case 'contact':
      return 'contact';
    case 'customer':
      return context.sale ? 'customer' : undefined;
    case 'course':
    case 'firstactivecourse':
      return 'course';
    case 'coursebundle':
      return 'courseBundle';
    case 'tag':
      return 'tag';
    case 'campaign':
      return 'campaign';
    case 'sentemail':
      return 'sentEmail';
    case 'webinar':
      return 'webinar';
    case 'pagemodel':
      return 'blogPage';
    case 'blog':
      return parentEntity === 'blogPage' ? 'blogPage.blog' : undefined;
    case 'account':
      return keys.length === 1 ? 'account' : undefined;
    case 'order':
      return context.sale ? 'sale.order' : undefined;
    case 'orderitem':
      return context.sale ? 'sale.orderItem' : undefined;
    case 'offerpriceplan':
    case 'priceplan':
      return context.sale ? 'sale.pricePlan' : undefined;
    case 'funnelstep':
      if (parent === 'webinar') return 'webinar.funnelStep';
      if (context.sale) return 'sale.funnelStep';
      return value['type'] === 'squeeze' ? 'optinStep' : 'visitedStep';
    case 'funnel':
      return parentEntity !== undefined && /(^|\.)(optinStep|visitedStep|funnelStep)$/.test(parentEntity)
        ? `${parentEntity}.funnel`
        : undefined;
    default:
      return undefined;
  }
}

/** The world value a leaf becomes, outside any entity object or as a last resort. */
function looseValue(keys: readonly string[], value: unknown): WorldValue | undefined {
  const key = normalize(keys[keys.length - 1] ?? '');
  if (keys.length === 1 && key === 'createdat') return v('event.createdAt', atom);
  if (key === 'registeredat' && keys.length === 2) return v('webinar.registeredAt', atom);
  if (key === 'scheduledat' && keys.length === 2) return v('webinar.scheduledAt', atom);
  if (key === 'accesstype') return v('enrollment.accessType', str);
  if (typeof value !== 'string') return undefined;
  if (ATOM_DATE_PATTERN.test(value)) return v('event.createdAt', atom);
  if (key === 'email' && value.includes('@')) return v('contact.email', str);
  if (key === 'country' && /^[A-Z]{2}$/.test(value)) return v('contact.country', str);
  if (key === 'firstname') return v('contact.firstName', str);
  if (key === 'surname' || key === 'lastname') return v('contact.lastName', str);
  return undefined;
}

function jsonPath(keys: readonly string[]): string {
  return keys.reduce((path, key) => (key === '[]' ? `${path}[]` : `${path}.${key}`), '$');
}

function fits(schema: Schema, value: unknown): boolean {
  return compareShape(schema, value).differences.every((d) => !d.drift);
}

/** The shape of a value kept as captured. */
function literalShape(value: unknown): Schema {
  if (value === null) return nul;
  if (typeof value === 'boolean') return bool;
  if (typeof value === 'number') return Number.isInteger(value) ? int : float;
  if (typeof value === 'string') return str;
  if (Array.isArray(value)) {
    if (value.length === 0) return emptyArray;
    const shapes = new Map<string, Schema>();
    for (const item of value) {
      const shape = literalShape(item);
      shapes.set(JSON.stringify(shape), shape);
    }
    const distinct = [...shapes.values()];
    return arr(distinct.length === 1 ? distinct[0]! : oneOf(Object.fromEntries(distinct.map((shape, i) => [`item${i + 1}`, shape]))));
  }
  if (value !== null && typeof value === 'object') {
    return obj(Object.fromEntries(Object.entries(value).map(([key, child]) => [key, literalShape(child)])));
  }
  return anyValue;
}

interface Grown {
  readonly node: unknown;
  readonly shape: Schema;
}

function placeholder(world: WorldValue, keys: readonly string[], context: Context): Grown {
  context.placeholders.push(`${jsonPath(keys)} <- {{${world.path}}}`);
  return { node: world.float === true ? `{{${world.path} | float}}` : `{{${world.path}}}`, shape: world.schema };
}

function literal(value: unknown, keys: readonly string[], context: Context, why = ''): Grown {
  context.literals.push(`${jsonPath(keys)} = ${JSON.stringify(value)}${why}`);
  return { node: value, shape: literalShape(value) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const FIELD_ITEM = ['fieldName', 'slug', 'value'];

/** A contact's `fields`: a map by slug (automation) or a list of {fieldName, slug, value} (webhooks). */
function growContactFields(value: unknown, keys: readonly string[], context: Context): Grown | undefined {
  if (fits(fieldsBySlug, value) && !(Array.isArray(value) && context.dialect === 'webhooks')) {
    return placeholder(v('contact.fieldsBySlug', fieldsBySlug), keys, context);
  }
  if (!Array.isArray(value)) return undefined;
  const first = value[0];
  const order = isRecord(first) ? Object.keys(first) : FIELD_ITEM;
  if (
    order.length !== 3 ||
    !FIELD_ITEM.every((key) => order.includes(key)) ||
    !fits(arr(obj({ fieldName: str, slug: str, value: str })), value)
  )
    return undefined;
  context.placeholders.push(`${jsonPath(keys)} <- $each contact.fieldList`);
  return {
    node: { $each: 'contact.fieldList', as: 'field', item: Object.fromEntries(order.map((key) => [key, `{{field.${key}}}`])) },
    shape: arr(obj(Object.fromEntries(order.map((key) => [key, str])))),
  };
}

/** A contact's `tags`: a list of {id, name}. */
function growContactTags(value: unknown, keys: readonly string[], context: Context): Grown | undefined {
  if (!Array.isArray(value) || (!fits(arr(obj({ id: int, name: str })), value) && !fits(arr(obj({ name: str, id: int })), value)))
    return undefined;
  const first = value[0];
  const order = isRecord(first) ? Object.keys(first) : ['id', 'name'];
  context.placeholders.push(`${jsonPath(keys)} <- $each contact.tags`);
  return {
    node: { $each: 'contact.tags', as: 'contactTag', item: Object.fromEntries(order.map((key) => [key, `{{contactTag.${key}}}`])) },
    shape: arr(obj(Object.fromEntries(order.map((key) => [key, key === 'id' ? int : str])))),
  };
}

function grow(value: unknown, keys: readonly string[], entity: string | undefined, context: Context): Grown {
  const key = keys[keys.length - 1] ?? '';
  if (keys.length === 1 && key === 'type' && typeof value === 'string' && context.dialect === 'automation') {
    return { node: value, shape: enumOf(value) };
  }
  if (entity === 'contact' && normalize(key) === 'fields') {
    const grown = growContactFields(value, keys, context);
    if (grown !== undefined) return grown;
  }
  if (entity === 'contact' && normalize(key) === 'tags') {
    const grown = growContactTags(value, keys, context);
    if (grown !== undefined) return grown;
  }
  const mapped = entity === undefined ? undefined : entityValues(entity, context.dialect)?.[normalize(key)];
  if (mapped !== undefined && (isRecord(value) || Array.isArray(value)) && fits(mapped.schema, value))
    return placeholder(mapped, keys, context);
  if (isRecord(value)) {
    // An object whose world is unknown (resources, a coupon, a subscription plan) stays as captured, key
    // by key: the world's own version of it may be null or of another kind, and the shape must hold.
    const inner = entityOf(keys, value, entity, context);
    const node: Record<string, unknown> = {};
    const shape: [string, Schema][] = [];
    for (const [childKey, child] of Object.entries(value)) {
      const grown = grow(child, [...keys, childKey], inner, context);
      node[childKey] = grown.node;
      shape.push([childKey, grown.shape]);
    }
    return { node, shape: { kind: 'object', keys: shape } };
  }
  if (Array.isArray(value)) {
    return literal(value, keys, context, ' (a list: its items stay as captured; use $each to vary them)');
  }
  const world = mapped ?? looseValue(keys, value);
  if (world !== undefined) {
    if (fits(world.schema, value)) return placeholder(world, keys, context);
    return literal(value, keys, context, ` (the world's {{${world.path}}} would not fit its type)`);
  }
  return literal(value, keys, context);
}

const BUILT_IN_IDS: ReadonlySet<string> = new Set(BUILT_IN_TRIGGERS.map((t) => t.id));

/**
 * Grows a template from a real capture: values the world can produce (ids, emails, names, dates,
 * prices, countries, the contact's fields) become placeholders; everything else stays as captured and
 * is listed in the template's notes. Key order is the capture's.
 * @example growTemplate(readCaptures(bytes, 'capture.json')[0]!, { id: 'contact.module.completed' }).template
 */
export function growTemplate(delivery: CapturedDelivery, options: GrowTemplateOptions = {}): GrowTemplateResult {
  const identity = identifyCapture(delivery);
  const wireName = identity.wireName ?? identity.candidates[0] ?? null;
  if (identity.dialect === null || wireName === null) {
    throw new UsageError(
      `Failed to grow a template from ${delivery.source}: the trigger ${identity.how.replace(/^cannot be identified: /, 'cannot be told: ')}.`,
      'CAPTURE',
    );
  }
  const payload = delivery.payload;
  if (!isRecord(payload))
    throw new UsageError(
      `Failed to grow a template from ${delivery.source}: the body is not a JSON object. Capture a systeme.io delivery.`,
      'CAPTURE',
    );
  const dialect = identity.dialect;
  const data = dialect === 'automation' ? payload['data'] : payload;
  const sale = isRecord(data) && ('customer' in data || 'order' in data);
  const context: Context = { dialect, sale, placeholders: [], literals: [] };
  const grown = grow(payload, [], undefined, context);
  const id = options.id ?? wireName;
  const notes = [
    `Grown from a capture (${delivery.source}) by "systeme-mock template --from": ${context.placeholders.length} values come from the world, ${context.literals.length} stay as captured.`,
  ];
  if (identity.wireName === null) notes.push(`The event was ${identity.how}; check it is ${wireName}.`);
  if (context.literals.length > 0) notes.push(`Kept as captured (no world value for them; edit to taste): ${context.literals.join('; ')}.`);
  const version = delivery.headers['x-webhook-schema-version'];
  const trigger: GrownTemplate['trigger'] = BUILT_IN_IDS.has(id)
    ? id
    : {
        id,
        dialect,
        wireName,
        ...(dialect === 'webhooks' && version !== undefined && /^\d+$/.test(version) ? { schemaVersion: Number(version) } : {}),
        description: `Grown from a capture of ${wireName}.`,
      };
  return {
    template: { trigger, notes, body: grown.node },
    file: `${dialect}/${id.replace(/:/g, '.')}.json`,
    id,
    dialect,
    wireName,
    shape: grown.shape,
    placeholders: context.placeholders,
    literals: context.literals,
  };
}

/**
 * The shape of a capture as a template grown from it reads it (see `growTemplate`): what
 * `validate --against CAPTURE` compares deliveries with.
 * @example compareShape(inferCaptureShape(capture), JSON.parse(body)).matches
 */
export function inferCaptureShape(delivery: CapturedDelivery): Schema {
  return growTemplate(delivery).shape;
}
