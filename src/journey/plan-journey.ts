import type { TriggerDefinition } from '../catalog/triggers.js';
import { JourneyError } from '../errors.js';
import type { Account, PricePlan } from '../world/account.js';
import { pickContactIndex, type ScopeOverrides } from '../world/event-scope.js';
import { Rng, streamKey } from '../world/random.js';
import {
  isSaleTrigger,
  MAX_JOURNEY_EVENTS,
  type Delay,
  type JourneyDefinition,
  type JourneyStep,
  type OfferRequirement,
} from './define-journey.js';

/** One moment of a planned journey: a step reached at a time, raising a trigger (or none). */
export interface PlannedStep {
  readonly step: JourneyStep;
  /** Which repeat of the step this is, from 0. */
  readonly repeat: number;
  /** Position among the journey's events, from 0: the event index is journey·64 + position. */
  readonly position: number;
  readonly atMs: number;
  readonly trigger: TriggerDefinition | null;
  readonly eventIndex: number;
  /** What the step shares with earlier ones: the journey's person, its sale, the course the sale grants. */
  readonly scope: ScopeOverrides;
}

export interface JourneyPlan {
  readonly journey: number;
  readonly startMs: number;
  /** The steps reached, in time order. */
  readonly steps: readonly PlannedStep[];
  /** The steps the journey did not reach (a conversion that did not happen ends it). */
  readonly stoppedAt: string | null;
}

function drawDelay(rng: Rng, delay: Delay): number {
  if (delay.maxMs === delay.minMs) return delay.minMs;
  if (delay.distribution === 'log-uniform') {
    const low = Math.log(delay.minMs);
    return Math.round(Math.exp(low + rng.next() * (Math.log(delay.maxMs) - low)));
  }
  return delay.minMs + Math.floor(rng.next() * (delay.maxMs - delay.minMs + 1));
}

function fits(plan: PricePlan, offer: OfferRequirement): boolean {
  if (offer.planType !== null && plan.type !== offer.planType) return false;
  return !offer.grantsCourse || plan.resources.some((resource) => resource.type === 'membership_course' && resource.course !== null);
}

/**
 * Plans journey `journey` of a run: which steps happen, when, and what they share. A pure function of
 * (definition, seed, journey, start), so journey j of a run can be planned (and its events generated) alone.
 * @example planJourney(loadJourney('refund'), { seed: '7', journey: 3, startMs: Date.UTC(2026, 0, 1), account })
 */
export function planJourney(
  definition: JourneyDefinition,
  options: { seed: string; journey: number; startMs: number; account: Account; speed?: number | undefined },
): JourneyPlan {
  const { seed, journey, startMs, account } = options;
  // --speed compresses the journey's clock: the same draws, delays divided, so dates track the sends.
  const speed = options.speed ?? 1;
  const rng = new Rng(streamKey(seed, `journey:${definition.name}`, journey));
  const base = journey * MAX_JOURNEY_EVENTS;
  const lastTimeOf = new Map<string, number>();
  const planned: PlannedStep[] = [];
  let previous: string | null = null;
  let stoppedAt: string | null = null;
  let person: ScopeOverrides['person'];
  let sale: { eventIndex: number; atMs: number; plan: PricePlan } | null = null;

  for (const step of definition.steps) {
    const parentName = step.after ?? previous;
    const parentMs = parentName === null ? startMs : lastTimeOf.get(parentName);
    // Every draw happens whether or not the step is reached, so a later step's values do not depend on an
    // earlier conversion (a plan reads the same when one probability changes).
    const converts = rng.next() < step.probability;
    const repeats = step.repeat.min === step.repeat.max ? step.repeat.min : rng.int(step.repeat.min, step.repeat.max);
    const delays = Array.from({ length: Math.max(repeats, 1) }, () => drawDelay(rng, step.delay));
    if (parentMs === undefined || !converts) {
      stoppedAt ??= step.name;
      previous = step.name;
      continue;
    }
    let atMs = parentMs;
    for (let repeat = 0; repeat < repeats; repeat++) {
      atMs += parentName === null && repeat === 0 ? 0 : Math.round(delays[repeat]! / speed);
      const position = planned.length;
      const eventIndex = base + position;
      if (step.trigger !== null && isSaleTrigger(step.trigger) && sale === null) {
        const candidates = account.pricePlans.filter((plan) => step.offer === null || fits(plan, step.offer));
        if (candidates.length === 0) {
          throw new JourneyError(
            definition.file,
            `step "${step.name}".offer`,
            `the account of seed "${seed}" has no offer that fits ${JSON.stringify(step.offer)}. Relax the requirement.`,
          );
        }
        sale = { eventIndex, atMs, plan: rng.pick(candidates) };
      }
      // The journey's person is the one its first delivery names (a new contact when it registers one).
      if (person === undefined && step.trigger !== null) {
        const effects = step.trigger.effects;
        const k = pickContactIndex(seed, eventIndex, effects, effects.sale !== undefined && sale !== null ? sale.plan : null);
        person = { k, registeredMs: effects.registersContact === true ? Math.floor(atMs / 1000) * 1000 : undefined };
      }
      let scope: ScopeOverrides = {};
      if (person !== undefined && (position === 0 || step.carry.includes('contact'))) scope = { person };
      if (sale !== null && (step.carry.includes('order') || eventIndex === sale.eventIndex)) {
        scope = { ...scope, sale: { index: sale.eventIndex, atMs: sale.atMs, pricePlanId: sale.plan.id } };
      }
      if (sale !== null && step.carry.includes('course')) {
        const granted = sale.plan.resources.find((resource) => resource.type === 'membership_course')?.course;
        if (granted) scope = { ...scope, course: granted };
      }
      planned.push({ step, repeat, position, atMs, trigger: step.trigger, eventIndex, scope });
    }
    if (repeats > 0) lastTimeOf.set(step.name, atMs);
    else lastTimeOf.set(step.name, parentMs);
    previous = step.name;
  }
  return { journey, startMs, steps: planned, stoppedAt };
}
