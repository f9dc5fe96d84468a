import { deliverEvent, type AttemptResult, type DeliverableEvent, type DeliveryResult } from './deliver-event.js';
import type { DeliveryLog } from '../wire/delivery-log.js';
import type { NormalizedSendOptions } from './normalize-send-options.js';

export interface SendRunOptions {
  readonly log?: DeliveryLog | undefined;
  /** Ctrl-C: start no new delivery or retry. */
  readonly stopSignal?: AbortSignal | undefined;
  /** Cancels attempts in flight (the CLI aborts them a bounded time after Ctrl-C). */
  readonly abortSignal?: AbortSignal | undefined;
  readonly onAttempt?: ((attempt: AttemptResult) => void) | undefined;
  readonly onDelivery?: ((delivery: DeliveryResult) => void) | undefined;
}

/** How a run ended. */
export interface SendSummary {
  /** Deliveries that got a success status. */
  readonly delivered: number;
  /** Deliveries that finally failed, including any cut short by Ctrl-C. */
  readonly failed: number;
  /** HTTP attempts made, retries included. */
  readonly attempts: number;
  /** Events whose delivery started (a stopped run leaves the rest unsent, and unread). */
  readonly eventsStarted: number;
  readonly interrupted: boolean;
  readonly durationMs: number;
  readonly deliveries: readonly DeliveryResult[];
}

// A function, so TypeScript does not narrow `aborted` across awaits.
function isStopped(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/**
 * Delivers events one after another (the `duplicate` fault delivers each twice with one message id),
 * and stops starting new ones when `stopSignal` aborts.
 * @example const summary = await sendEvents(generateEvents(['SALE_NEW'], { count: 3, seed: 1 }), options)
 */
export async function sendEvents(
  events: Iterable<DeliverableEvent> | AsyncIterable<DeliverableEvent>,
  options: NormalizedSendOptions,
  run: SendRunOptions = {},
): Promise<SendSummary> {
  const started = performance.now();
  const deliveries: DeliveryResult[] = [];
  let eventsStarted = 0;
  let interrupted = false;
  const repeats = options.faults.includes('duplicate') ? 2 : 1;
  for await (const event of events) {
    if (isStopped(run.stopSignal)) {
      interrupted = true;
      break;
    }
    eventsStarted++;
    let messageId: string | undefined;
    for (let copy = 0; copy < repeats; copy++) {
      if (copy > 0 && isStopped(run.stopSignal)) break;
      const delivery = await deliverEvent(event, options, {
        messageId,
        stopSignal: run.stopSignal,
        abortSignal: run.abortSignal,
        log: run.log,
        onAttempt: run.onAttempt,
      });
      messageId = delivery.messageId;
      if (delivery.attempts.length === 0) {
        interrupted = true;
        break;
      }
      deliveries.push(delivery);
      if (delivery.interrupted) interrupted = true;
      run.onDelivery?.(delivery);
    }
  }
  run.log?.flush();
  return {
    delivered: deliveries.filter((d) => d.ok).length,
    failed: deliveries.filter((d) => !d.ok).length,
    attempts: deliveries.reduce((n, d) => n + d.attempts.length, 0),
    eventsStarted,
    interrupted: interrupted || isStopped(run.stopSignal),
    durationMs: Math.round(performance.now() - started),
    deliveries,
  };
}
