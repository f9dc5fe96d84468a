import type { DeliveryResult } from './deliver-event.js';
import type { NormalizedSendOptions } from './normalize-send-options.js';
import type { SendSummary } from './send-events.js';

/** The embedded inbox's verdict, read back from its JSON answer. */
interface InboxAnswer {
  accepted: boolean;
  reason: string;
  notes: string[];
}

function readInboxAnswer(result: DeliveryResult): InboxAnswer | null {
  const body = result.attempts.at(-1)?.responseBody;
  if (body === null || body === undefined) return null;
  try {
    const answer = JSON.parse(body) as Partial<InboxAnswer>;
    if (typeof answer.accepted !== 'boolean' || typeof answer.reason !== 'string') return null;
    return { accepted: answer.accepted, reason: answer.reason, notes: Array.isArray(answer.notes) ? answer.notes : [] };
  } catch {
    return null;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * One line per delivery: delivered or not, trigger, message id, status, attempts; with `fromInbox`, the
 * embedded inbox's verdict (verified ✓/✗ and why).
 * @example formatDeliveryLine(result) // '✓ SALE_NEW 01a2... 200 in 4 ms'
 */
export function formatDeliveryLine(result: DeliveryResult, options: { fromInbox?: boolean } = {}): string {
  const last = result.attempts.at(-1);
  const mark = result.ok ? '✓' : '✗';
  const outcome = result.status === null ? `failed: ${result.error ?? 'no answer'}` : String(result.status);
  const retries =
    result.attempts.length > 1
      ? ` after ${plural(result.attempts.length, 'attempt')} (${result.attempts
          .slice(0, -1)
          .map((a) => a.error)
          .join(', ')})`
      : '';
  let line = `${mark} ${result.trigger} ${result.messageId} ${outcome}${last === undefined ? '' : ` in ${Math.round(last.durationMs)} ms`}${retries}`;
  if (options.fromInbox === true) {
    const answer = readInboxAnswer(result);
    if (answer !== null) {
      line += ` — verified ${answer.accepted ? '✓' : '✗'} ${answer.reason}`;
      if (answer.notes.length > 0) line += ` [${answer.notes.join('; ')}]`;
    }
  }
  if (result.interrupted) line += ' (interrupted)';
  return line;
}

/**
 * The line that ends a run.
 * @example formatSendSummary(summary) // '3 delivered, 0 failed, 3 attempts in 41 ms.'
 */
export function formatSendSummary(summary: SendSummary, options: { totalEvents?: number } = {}): string {
  const counts = `${summary.delivered} delivered, ${summary.failed} failed, ${plural(summary.attempts, 'attempt')} in ${summary.durationMs} ms.`;
  if (!summary.interrupted) return counts;
  const unsent =
    options.totalEvents === undefined ? '' : ` ${plural(Math.max(0, options.totalEvents - summary.eventsStarted), 'event')} not sent.`;
  return `Interrupted: ${counts}${unsent}`;
}

function explain(result: DeliveryResult, options: NormalizedSendOptions): string {
  const error = result.error ?? 'no answer';
  switch (error) {
    case 'ECONNREFUSED':
      return 'connection refused (nothing listens there). Check that the receiver is running and the URL is right';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found. Check the host name in --to';
    case 'ETIMEDOUT':
      return `no answer within ${options.timeoutMs} ms. Check the receiver, or raise --timeout`;
    case 'ECONNRESET':
      return "the connection was reset. Check the receiver's logs";
    default:
      if (result.status !== null) {
        const hint =
          result.status === 401 || result.status === 403
            ? 'Check that the receiver uses the same secret'
            : "Read the receiver's logs; --success sets which codes count as delivered";
        return `the receiver answered ${result.status}. ${hint}`;
      }
      return `${error}. Check the receiver`;
  }
}

/**
 * The one-line reason a run failed, from its first failed delivery.
 * @example describeSendFailure(summary, options) // 'Failed to deliver 1 of 1 events to http://...: connection refused ...'
 */
export function describeSendFailure(summary: SendSummary, options: NormalizedSendOptions): string | null {
  const failed = summary.deliveries.filter((d) => !d.ok);
  const first = failed[0];
  if (first === undefined) return null;
  const attempts = first.attempts.length > 1 ? ` after ${first.attempts.length} attempts` : '';
  return `Failed to deliver ${failed.length} of ${plural(summary.deliveries.length, 'event')} to ${options.url}${attempts}: ${explain(first, options)}.`;
}
