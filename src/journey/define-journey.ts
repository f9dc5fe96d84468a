import { suggestTriggers, type Catalog } from '../catalog/catalog.js';
import type { TriggerDefinition } from '../catalog/triggers.js';
import { JourneyError } from '../errors.js';

/**
 * A journey: one contact's way through an account, as data. Each step names a trigger (or none: a moment
 * that raises no documented delivery, such as a subscription renewal), a delay after the step it follows,
 * a conversion probability, and what it carries over from earlier steps.
 */
export interface JourneyDefinition {
  readonly name: string;
  readonly description: string;
  readonly notes: readonly string[];
  readonly file: string;
  readonly steps: readonly JourneyStep[];
}

/** What a step takes from earlier steps. */
export type CarryOver = 'contact' | 'order' | 'course';

/** What the journey's sale must sell, so later steps can carry its resources. */
export interface OfferRequirement {
  /** `subscription` or `one_shot`; any when absent. */
  readonly planType: 'subscription' | 'one_shot' | null;
  /** The offer grants a course (a `membership_course` resource). */
  readonly grantsCourse: boolean;
}

export interface Delay {
  readonly minMs: number;
  readonly maxMs: number;
  /** `log-uniform` spreads a range of minutes to days the way people come back: most soon, some late. */
  readonly distribution: 'uniform' | 'log-uniform';
}

export interface JourneyStep {
  readonly name: string;
  /** The trigger raised at this step; null for a silent step that only moves time. */
  readonly trigger: TriggerDefinition | null;
  /** The step this one follows (by name); the previous step when the file names none. */
  readonly after: string | null;
  readonly delay: Delay;
  /** The chance this step happens once the step it follows has; when it does not, the journey ends. */
  readonly probability: number;
  readonly carry: readonly CarryOver[];
  /** How many times the step happens in a row (renewals): a whole range, each repeat after `delay`. */
  readonly repeat: { readonly min: number; readonly max: number };
  /** Sale steps: what the offer must be. */
  readonly offer: OfferRequirement | null;
}

const CARRY_OVERS: readonly CarryOver[] = ['contact', 'order', 'course'];
const SALE_WIRE_NAMES = new Set(['SALE_NEW', 'customer.sale.completed']);
const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
/** Steps of one journey after repeats: event indexes of journey j are j·stride + step position. */
export const MAX_JOURNEY_EVENTS = 64;

/** Whether a trigger records a sale (and so an order later steps can carry). */
export function isSaleTrigger(trigger: TriggerDefinition): boolean {
  return SALE_WIRE_NAMES.has(trigger.wireName);
}

function fail(file: string, where: string, reason: string): never {
  throw new JourneyError(file, where, reason);
}

/** Reads `90s`, `2h`, `3d`, `1d12h`: a journey's delays run from seconds to weeks. */
export function parseJourneyDuration(text: unknown, file: string, where: string): number {
  if (typeof text !== 'string') fail(file, where, `expected a duration string like "30s", "2h" or "3d", got ${JSON.stringify(text)}.`);
  const part = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/gy;
  let total = 0;
  let consumed = 0;
  let match: RegExpExecArray | null;
  while ((match = part.exec(text)) !== null) {
    total += Number(match[1]) * DURATION_UNITS[match[2]!]!;
    consumed = part.lastIndex;
  }
  if (text.length === 0 || consumed !== text.length)
    fail(file, where, `"${text}" is not a duration. Write it with a unit: 30s, 5m, 2h, 3d or 1w.`);
  return total;
}

function readDelay(raw: unknown, file: string, where: string): Delay {
  if (raw === undefined) return { minMs: 0, maxMs: 0, distribution: 'uniform' };
  if (typeof raw === 'string') {
    const ms = parseJourneyDuration(raw, file, where);
    return { minMs: ms, maxMs: ms, distribution: 'uniform' };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    fail(file, where, 'expected a duration ("2h") or {"min": "1m", "max": "3d", "distribution": "log-uniform"}.');
  }
  const delay = raw as Record<string, unknown>;
  const minMs = parseJourneyDuration(delay['min'], file, `${where}.min`);
  const maxMs = parseJourneyDuration(delay['max'], file, `${where}.max`);
  if (maxMs < minMs) fail(file, `${where}.max`, `${String(delay['max'])} is shorter than min ${String(delay['min'])}. Swap them.`);
  const distribution = delay['distribution'] ?? 'uniform';
  if (distribution !== 'uniform' && distribution !== 'log-uniform') {
    fail(file, `${where}.distribution`, `"${String(distribution)}" is not a distribution. Use "uniform" or "log-uniform".`);
  }
  if (distribution === 'log-uniform' && minMs <= 0) fail(file, `${where}.min`, 'a log-uniform delay needs a min above zero, e.g. "1m".');
  return { minMs, maxMs, distribution };
}

function readOffer(raw: unknown, file: string, where: string): OfferRequirement | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'object' || Array.isArray(raw)) fail(file, where, 'expected {"planType": "subscription", "grantsCourse": true}.');
  const offer = raw as Record<string, unknown>;
  const planType = offer['planType'] ?? null;
  if (planType !== null && planType !== 'subscription' && planType !== 'one_shot') {
    fail(file, `${where}.planType`, `"${String(planType)}" is not a plan type. Use "subscription" or "one_shot".`);
  }
  const grantsCourse = offer['grantsCourse'] ?? false;
  if (typeof grantsCourse !== 'boolean') fail(file, `${where}.grantsCourse`, 'expected true or false.');
  return { planType: planType as OfferRequirement['planType'], grantsCourse };
}

function readRepeat(raw: unknown, file: string, where: string): { min: number; max: number } {
  if (raw === undefined) return { min: 1, max: 1 };
  const whole = (value: unknown, at: string): number => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_JOURNEY_EVENTS) {
      fail(file, at, `expected a whole number from 0 to ${MAX_JOURNEY_EVENTS}, got ${JSON.stringify(value)}.`);
    }
    return value;
  };
  if (typeof raw === 'number') {
    const n = whole(raw, where);
    return { min: n, max: n };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail(file, where, 'expected a count (3) or {"min": 1, "max": 6}.');
  const repeat = raw as Record<string, unknown>;
  const min = whole(repeat['min'], `${where}.min`);
  const max = whole(repeat['max'], `${where}.max`);
  if (max < min) fail(file, `${where}.max`, `${max} is below min ${min}.`);
  return { min, max };
}

/**
 * Validates a parsed journey file against the catalog: known triggers, no cycle in `after`, carry-overs
 * that an earlier step provides, probabilities in 0..1. Errors name the file and the step.
 * @example defineJourney({ name: 'refund', steps: [{ name: 'sale', trigger: 'SALE_NEW' }] }, 'refund.json', loadCatalog())
 */
export function defineJourney(raw: unknown, file: string, catalog: Catalog): JourneyDefinition {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail(file, '$', 'a journey is an object {"name", "steps": [...]}.');
  const journey = raw as Record<string, unknown>;
  const name = journey['name'];
  if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    fail(file, '$.name', `expected a kebab-case name like "lead-to-buyer", got ${JSON.stringify(name)}.`);
  }
  const description = journey['description'] ?? '';
  if (typeof description !== 'string') fail(file, '$.description', 'expected a string.');
  const notes = journey['notes'] ?? [];
  if (!Array.isArray(notes) || notes.some((note) => typeof note !== 'string')) fail(file, '$.notes', 'expected a list of strings.');
  const rawSteps = journey['steps'];
  if (!Array.isArray(rawSteps) || rawSteps.length === 0) fail(file, '$.steps', 'expected a non-empty list of steps.');

  const steps: JourneyStep[] = [];
  const names = new Map<string, number>();
  for (const [position, rawStep] of rawSteps.entries()) {
    let where = `step ${position + 1}`;
    if (rawStep === null || typeof rawStep !== 'object' || Array.isArray(rawStep))
      fail(file, where, 'a step is an object {"name", "trigger", ...}.');
    const step = rawStep as Record<string, unknown>;
    const stepName = step['name'];
    if (typeof stepName !== 'string' || stepName.length === 0) fail(file, where, 'needs a "name".');
    where = `step "${stepName}"`;
    if (names.has(stepName)) fail(file, where, 'the name is used twice. Give each step its own name.');
    names.set(stepName, position);

    const rawTrigger = step['trigger'];
    let trigger: TriggerDefinition | null = null;
    if (rawTrigger !== null) {
      if (typeof rawTrigger !== 'string') fail(file, `${where}.trigger`, 'expected a trigger id, or null for a silent step.');
      const ids = catalog.list().map((definition) => definition.id);
      if (!ids.includes(rawTrigger)) {
        const suggestions = suggestTriggers(rawTrigger, ids);
        const hint =
          suggestions.length > 0
            ? `Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?`
            : 'Run "systeme-mock list" for the ids.';
        fail(file, `${where}.trigger`, `"${rawTrigger}" is not a trigger of the catalog. ${hint}`);
      }
      trigger = catalog.get(rawTrigger).definition;
    }
    const after = step['after'] ?? null;
    if (after !== null && typeof after !== 'string') fail(file, `${where}.after`, 'expected the name of another step.');
    const probability = step['probability'] ?? 1;
    if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) {
      fail(file, `${where}.probability`, `${JSON.stringify(probability)} is outside 0..1. Write a chance like 0.3.`);
    }
    const carry = step['carry'] ?? (position === 0 ? [] : ['contact']);
    if (!Array.isArray(carry)) fail(file, `${where}.carry`, `expected a list of ${CARRY_OVERS.join(', ')}.`);
    for (const item of carry) {
      if (!CARRY_OVERS.includes(item as CarryOver))
        fail(file, `${where}.carry`, `"${String(item)}" cannot be carried over. Use ${CARRY_OVERS.join(', ')}.`);
    }
    steps.push({
      name: stepName,
      trigger,
      after,
      delay: readDelay(step['delay'], file, `${where}.delay`),
      probability,
      carry: carry as CarryOver[],
      repeat: readRepeat(step['repeat'], file, `${where}.repeat`),
      offer: readOffer(step['offer'], file, `${where}.offer`),
    });
  }

  checkAfterGraph(steps, names, file);
  checkCarryOvers(steps, file);
  const total = steps.reduce((sum, step) => sum + step.repeat.max, 0);
  if (total > MAX_JOURNEY_EVENTS)
    fail(file, '$.steps', `the steps can raise ${total} events; a journey holds at most ${MAX_JOURNEY_EVENTS}.`);
  return { name, description, notes: notes as string[], file, steps };
}

/** Every `after` names a step, and following `after` links never comes back to where it started. */
function checkAfterGraph(steps: readonly JourneyStep[], names: ReadonlyMap<string, number>, file: string): void {
  for (const step of steps) {
    if (step.after !== null && !names.has(step.after)) {
      fail(
        file,
        `step "${step.name}".after`,
        `"${step.after}" is not a step of this journey. Name one of: ${[...names.keys()].join(', ')}.`,
      );
    }
  }
  for (const [position, start] of steps.entries()) {
    const seen = new Set<number>([position]);
    let current = start;
    let currentPosition = position;
    for (;;) {
      const parent = current.after === null ? currentPosition - 1 : names.get(current.after)!;
      if (parent < 0) break;
      if (seen.has(parent))
        fail(
          file,
          `step "${start.name}".after`,
          `the steps form a cycle (${[...seen].map((i) => steps[i]!.name).join(' -> ')} -> ${steps[parent]!.name}). A step can only follow an earlier one.`,
        );
      seen.add(parent);
      current = steps[parent]!;
      currentPosition = parent;
    }
    const parentPosition = start.after === null ? position - 1 : names.get(start.after)!;
    if (parentPosition >= position)
      fail(file, `step "${start.name}".after`, `"${start.after}" comes later in the list. A step can only follow an earlier one.`);
  }
}

/** `order` needs an earlier sale; `course` needs an earlier sale whose offer grants a course. */
function checkCarryOvers(steps: readonly JourneyStep[], file: string): void {
  let sale: JourneyStep | null = null;
  for (const step of steps) {
    const where = `step "${step.name}".carry`;
    if (step.carry.includes('order') && sale === null) {
      fail(file, where, 'carries "order" but no earlier step is a sale (SALE_NEW or customer.sale.completed). Add a sale step before it.');
    }
    if (step.carry.includes('course') && (sale === null || sale.offer?.grantsCourse !== true)) {
      fail(file, where, 'carries "course" but no earlier sale step has "offer": {"grantsCourse": true}. Add it to the sale step.');
    }
    if (step.trigger !== null && isSaleTrigger(step.trigger)) sale ??= step;
  }
}
