import { UsageError } from '../errors.js';
import { createGenerator, type EventGenerator } from '../generate/generator.js';
import type { GeneratedEvent, GeneratorOptions } from '../generate/types.js';
import { accountFor, type Account, type Named } from '../world/account.js';
import type { ScopeOverrides } from '../world/event-scope.js';
import { Rng, streamKey } from '../world/random.js';
import { findCausalRule, isConfigured, type AccountConfiguration } from './causal-rules.js';
import type { JourneyDefinition } from './define-journey.js';
import { loadJourney } from './load-journey.js';
import { planJourney, type JourneyPlan, type PlannedStep } from './plan-journey.js';

/** One delivery of a journey: which journey, which step, and the event itself. */
export interface JourneyEvent {
  readonly journeyName: string;
  /** The journey's number in the run, from 0. */
  readonly journey: number;
  readonly step: string;
  readonly repeat: number;
  /** The event's place among the journey's deliveries, from 0. */
  readonly position: number;
  /** True for the journey's last delivery: once it is answered, the journey is complete. */
  readonly last: boolean;
  /** The planned time in milliseconds (the event's own date is in whole seconds, as systeme.io's are). */
  readonly atMs: number;
  readonly event: GeneratedEvent;
}

export interface JourneyRunOptions extends GeneratorOptions {
  /** How many journeys start. */
  count: number;
  /** The number of the first journey (default 0): workers take disjoint ranges. */
  startIndex?: number | undefined;
  /** Milliseconds between two journeys' starts, on average (default 15 minutes). */
  spacingMs?: number | undefined;
  /** Compresses each journey's delays (3600: an hour of the journey passes in a second). Default 1. */
  speed?: number | undefined;
  /**
   * Which deliveries each step raises, by the causal rules (causal-rules.ts): a sale raises both dialects'
   * sale events, a tag added per tag resource and an enrolment per course resource, where the account is
   * configured for them. Default: only the step's own trigger.
   */
  raises?: AccountConfiguration | undefined;
}

/** Journeys of a generated run start every 15 minutes on average, from the run's clock. */
export const JOURNEY_SPACING_MS = 15 * 60_000;

/** A prepared journey run: plans and events of journey j, each a pure function of (seed, now, journey, j). */
export interface JourneyGenerator {
  readonly definition: JourneyDefinition;
  readonly generator: EventGenerator;
  /** When journey j starts. */
  startOf(journey: number): number;
  plan(journey: number, startMs?: number): JourneyPlan;
  /** The events of one planned journey (silent steps raise none). */
  eventsOf(plan: JourneyPlan): JourneyEvent[];
}

function deliveriesOf(plan: JourneyPlan): PlannedStep[] {
  return plan.steps.filter((step) => step.trigger !== null);
}

/**
 * Prepares the journeys of a run.
 * @example createJourneyGenerator('refund', { seed: 7 }).eventsOf(gen.plan(0))[1].event.trigger.id // 'SALE_CANCELED'
 */
export function createJourneyGenerator(
  journey: string | JourneyDefinition,
  options: GeneratorOptions & {
    spacingMs?: number | undefined;
    speed?: number | undefined;
    raises?: AccountConfiguration | undefined;
  } = {},
): JourneyGenerator {
  const definition = typeof journey === 'string' ? loadJourney(journey, { templatesDir: options.templatesDir }) : journey;
  const generator = createGenerator(options);
  const account = accountFor(generator.seed);
  const spacingMs = (options.spacingMs ?? JOURNEY_SPACING_MS) / (options.speed ?? 1);
  const nowMs = generator.now.getTime();
  return {
    definition,
    generator,
    startOf(j) {
      const jitter = new Rng(streamKey(generator.seed, `journey-start:${definition.name}`, j)).next();
      // Whole seconds, as systeme.io's dates are.
      return nowMs + Math.floor(((j + jitter) * spacingMs) / 1000) * 1000;
    },
    plan(j, startMs) {
      return planJourney(definition, {
        seed: generator.seed,
        journey: j,
        startMs: startMs ?? this.startOf(j),
        account,
        speed: options.speed,
      });
    },
    eventsOf(plan) {
      if (options.raises !== undefined)
        return raisedEventsOf(plan, { definition, generator, account, raises: options.raises, speed: options.speed ?? 1 });
      const deliveries = deliveriesOf(plan);
      return deliveries.map((planned, position) => ({
        journeyName: definition.name,
        journey: plan.journey,
        step: planned.step.name,
        repeat: planned.repeat,
        position,
        last: position === deliveries.length - 1,
        atMs: planned.atMs,
        event: generator.event(planned.trigger!.id, planned.eventIndex, { at: planned.atMs, scope: planned.scope }),
      }));
    },
  };
}

/** Follow-on deliveries render at world indexes from here, far above any journey step's (j·64 + position). */
const RAISED_INDEX_BASE = 2 ** 40;
/** Raised deliveries of one step at most: indexes of step event e are RAISED_INDEX_BASE + e·32 + k. */
const MAX_RAISED_PER_STEP = 32;

interface RaisedDraft {
  readonly planned: PlannedStep;
  readonly trigger: string;
  readonly atMs: number;
  readonly index: number;
  readonly scope: ScopeOverrides;
}

/** The tag an event names: `data.tag` (automation) or `tag` (webhooks). */
function tagOf(event: GeneratedEvent): Named | undefined {
  const payload = event.payload as { data?: { tag?: Named }; tag?: Named };
  const tag = payload.data?.tag ?? payload.tag;
  return tag === undefined ? undefined : { id: tag.id, name: tag.name };
}

/**
 * The events of a planned journey expanded by the causal rules and filtered by the account's configuration:
 * each step's action raises its deliveries (the step's own trigger first, at the step's time; the other
 * dialect's report of it at the same time; the offer's tag and course events a few seconds later, in order).
 * Positions follow time, so `last` is the journey's last delivery in time.
 */
function raisedEventsOf(
  plan: JourneyPlan,
  context: { definition: JourneyDefinition; generator: EventGenerator; account: Account; raises: AccountConfiguration; speed: number },
): JourneyEvent[] {
  const { definition, generator, account, raises, speed } = context;
  const drafts: RaisedDraft[] = [];
  // One sale's enrolment raised by the rules is the enrolment: a later step naming it again is not a second one.
  const enrolled = new Set<number>();
  for (const planned of deliveriesOf(plan)) {
    const own = planned.trigger!;
    const rule = findCausalRule(own.id);
    const rng = new Rng(streamKey(generator.seed, `causal:${definition.name}`, planned.eventIndex));
    let k = 0;
    let followMs = planned.atMs;
    const add = (trigger: string, atMs: number, scope: ScopeOverrides): void => {
      if (k >= MAX_RAISED_PER_STEP) return;
      const index = k === 0 ? planned.eventIndex : RAISED_INDEX_BASE + planned.eventIndex * MAX_RAISED_PER_STEP + k;
      k++;
      drafts.push({ planned, trigger, atMs, index, scope });
    };
    // Assumed: the offer's resources are granted one after another, 1 to 5 seconds apart, after the action.
    const later = (): number => (followMs += Math.round(rng.int(1000, 5000) / speed));
    if (own.id === 'contact.course.enrolled' && planned.scope.course !== undefined && enrolled.has(planned.scope.course.id)) continue;
    if (rule === undefined) {
      if (isConfigured(raises, own.dialect, own.id)) add(own.id, planned.atMs, planned.scope);
      continue;
    }
    // A tag event draws its tag from its own index: the other dialect's report names the same tag.
    let scope = planned.scope;
    if (own.effects.tag !== undefined && scope.tag === undefined)
      scope = { ...scope, tag: tagOf(generator.event(own.id, planned.eventIndex, { at: planned.atMs, scope })) };
    const actions = rule.raises.filter((raised) => raised.for === 'action');
    // The step's own trigger first, then the other dialect's report of the same action, at the same time.
    const ordered = [...actions.filter((raised) => raised.trigger === own.id), ...actions.filter((raised) => raised.trigger !== own.id)];
    for (const raised of ordered) {
      if (isConfigured(raises, raised.dialect, raised.trigger)) add(raised.trigger, planned.atMs, scope);
      // Keep index 0 for the step's own trigger even when it does not go out: its bytes stay those of the step.
      else if (raised.trigger === own.id) k++;
    }
    const sale = planned.scope.sale;
    if (sale === undefined || !rule.raises.some((raised) => raised.for !== 'action')) continue;
    const pricePlan = account.pricePlans.find((candidate) => candidate.id === sale.pricePlanId);
    for (const resource of pricePlan?.resources ?? []) {
      const kind = resource.type === 'systemeio_tag' ? 'tag-resource' : resource.type === 'membership_course' ? 'course-resource' : null;
      if (kind === null) continue;
      const raised = rule.raises.filter(
        (candidate) => candidate.for === kind && isConfigured(raises, candidate.dialect, candidate.trigger),
      );
      if (raised.length === 0) continue;
      const atMs = later();
      for (const delivery of raised) {
        if (kind === 'tag-resource' && resource.tag !== null) add(delivery.trigger, atMs, { ...planned.scope, tag: resource.tag });
        if (kind === 'course-resource' && resource.course !== null) {
          enrolled.add(resource.course.id);
          add(delivery.trigger, atMs, {
            ...planned.scope,
            course: resource.course,
            enrollment: resource.accessType === null ? undefined : { accessType: resource.accessType },
          });
        }
      }
    }
  }
  // Stable: deliveries at one time keep the rules' order.
  drafts.sort((a, b) => a.atMs - b.atMs);
  return drafts.map((draft, position) => ({
    journeyName: definition.name,
    journey: plan.journey,
    step: draft.planned.step.name,
    repeat: draft.planned.repeat,
    position,
    last: position === drafts.length - 1,
    atMs: draft.atMs,
    event: generator.event(draft.trigger, draft.index, { at: draft.atMs, scope: draft.scope }),
  }));
}

/** A binary min-heap of pending journey events, ordered by time, then journey, then position. */
class EventHeap {
  private readonly items: Array<{ atMs: number; journey: number; position: number; item: JourneyEvent }> = [];

  get size(): number {
    return this.items.length;
  }

  peekTime(): number {
    return this.items[0]?.atMs ?? Infinity;
  }

  push(item: JourneyEvent): void {
    const entry = { atMs: item.event.eventTime.getTime(), journey: item.journey, position: item.position, item };
    const items = this.items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): JourneyEvent | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined) return undefined;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && this.less(items[left]!, items[smallest]!)) smallest = left;
        if (right < items.length && this.less(items[right]!, items[smallest]!)) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest]!, items[i]!];
        i = smallest;
      }
    }
    return top.item;
  }

  private less(a: { atMs: number; journey: number; position: number }, b: { atMs: number; journey: number; position: number }): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && (a.journey < b.journey || (a.journey === b.journey && a.position < b.position)));
  }
}

/**
 * The events of `count` journeys, interleaved in time order, lazily: memory holds only the journeys under
 * way at a time.
 * @example for (const { journey, event } of generateJourneys('lead-to-buyer', { count: 100, seed: 7 })) write(event.body)
 */
export function* generateJourneys(journey: string | JourneyDefinition, options: JourneyRunOptions): Generator<JourneyEvent> {
  const { count } = options;
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new UsageError(
      `Failed to generate journeys: count ${String(count)} is not a whole number from 0. Pass e.g. --count 100.`,
      'BAD_COUNT',
    );
  }
  const start = options.startIndex ?? 0;
  if (!Number.isSafeInteger(start) || start < 0) {
    throw new UsageError(`Failed to generate journeys: startIndex ${String(start)} is not a whole number from 0.`, 'BAD_INDEX');
  }
  const journeys = createJourneyGenerator(journey, options);
  const heap = new EventHeap();
  let next = start;
  const end = start + count;
  while (next < end || heap.size > 0) {
    // Bring in every journey that starts before the earliest pending event: starts are in journey order.
    while (next < end && (heap.size === 0 || journeys.startOf(next) <= heap.peekTime())) {
      for (const item of journeys.eventsOf(journeys.plan(next))) heap.push(item);
      next++;
    }
    const item = heap.pop();
    if (item !== undefined) yield item;
  }
}
