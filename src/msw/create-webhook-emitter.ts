import { getTrigger } from '../catalog/catalog.js';
import type { TriggerDefinition } from '../catalog/triggers.js';
import { buildAutomationHeaders, buildWebhooksHeaders, type HeaderList } from '../delivery/headers.js';
import { computeDeliveryGaps, createUuidV7 } from '../delivery/uuid-v7.js';
import type { MockDelivery } from './api-types.js';
import { buildReplacements } from './build-replacements.js';
import type { ApiState } from './create-api-store.js';
import type { EmitContext } from './handle-api-request.js';
import { renderEvent } from './render-event.js';

export interface WebhookEmitter {
  /**
   * Sends one event to every active webhook subscribed to it (webhooks dialect) or every rule for it
   * (automation dialect), and resolves once each answered or failed. Deliveries are also recorded.
   */
  emit(triggerId: string, context: EmitContext, overrides?: Record<string, unknown>): Promise<MockDelivery[]>;
  reset(): void;
}

export interface WebhookEmitterOptions {
  state: ApiState;
  seed: number | string;
  now: () => Date;
  /** Every delivery is appended here when it is sent. */
  log: MockDelivery[];
}

interface Target {
  url: string;
  targetId: string;
  headers: (body: string, eventTime: Date, messageMs: number) => { headers: HeaderList; messageId: string | null };
}

function findTargets(state: ApiState, trigger: TriggerDefinition, now: () => Date): Target[] {
  if (trigger.dialect === 'automation') {
    return [...state.rules.values()]
      .filter((r) => r.trigger === trigger.id || r.trigger === trigger.wireName)
      .map((r) => ({ url: r.url, targetId: r.id, headers: () => ({ headers: buildAutomationHeaders(), messageId: null }) }));
  }
  const targets: Target[] = [];
  for (const webhook of state.webhooks.values()) {
    const subscription = webhook.subscriptions.find((s) => s.event === trigger.wireName);
    if (!webhook.active || subscription === undefined) continue;
    targets.push({
      url: webhook.url,
      targetId: webhook.id,
      headers: (body, eventTime, messageMs) => {
        const attemptTime = now();
        const messageId = createUuidV7(messageMs);
        const headers = buildWebhooksHeaders({
          event: trigger.wireName,
          schemaVersion: subscription.schemaVersion,
          body,
          secret: webhook.secret,
          messageId,
          subscriptionId: webhook.id,
          attemptId: createUuidV7(attemptTime.getTime()),
          eventTime,
          attemptTime,
        });
        return { headers, messageId };
      },
    });
  }
  return targets;
}

async function send(trigger: TriggerDefinition, target: Target, body: string, eventTime: Date, messageMs: number, log: MockDelivery[]): Promise<MockDelivery> {
  const { headers, messageId } = target.headers(body, eventTime, messageMs);
  const record: MockDelivery = {
    dialect: trigger.dialect,
    trigger: trigger.id,
    url: target.url,
    targetId: target.targetId,
    messageId,
    headers,
    body,
    status: null,
    responseBody: null,
    error: null,
  };
  // Logged when sent, not when answered: a delivery that causes another one (the receiver calls the API) comes first.
  log.push(record);
  try {
    // globalThis.fetch is read at call time so msw's interception (or a real server) receives it.
    const response = await globalThis.fetch(target.url, { method: 'POST', headers, body });
    record.status = response.status;
    record.responseBody = await response.text();
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    record.error = [error, cause].filter((e) => e instanceof Error).map((e) => (e as Error).message).join(': ');
  }
  return record;
}

/** The part of the mock that plays systeme.io's outgoing side: renders, signs and posts events. */
export function createWebhookEmitter(options: WebhookEmitterOptions): WebhookEmitter {
  let index = 0;
  return {
    async emit(triggerId, context, overrides) {
      const trigger = getTrigger(triggerId);
      const targets = findTargets(options.state, trigger, options.now);
      if (targets.length === 0) return [];
      // Delivered now: the message was created shortly before, the event before it (CAP timing).
      const gaps = computeDeliveryGaps(index, String(options.seed));
      const messageMs = options.now().getTime() - gaps.messageToAttemptMs;
      const event = renderEvent(trigger.id, {
        seed: options.seed,
        index: index++,
        at: new Date(messageMs - gaps.eventToMessageMs),
        replacements: buildReplacements(trigger.id, context),
        overrides,
      });
      return Promise.all(targets.map((t) => send(trigger, t, event.body, event.eventTime, messageMs, options.log)));
    },
    reset() {
      index = 0;
    },
  };
}
