import type { InboxDelivery } from './create-inbox.js';

/**
 * One line per delivery, as `listen` prints them: accepted or rejected, status, trigger, message id, why.
 * @example formatInboxLine(delivery) // '#1 ✓ 200 SALE_NEW 0199a1b2-... signature valid, body matches SALE_NEW'
 */
export function formatInboxLine(delivery: InboxDelivery): string {
  const mark = delivery.accepted ? '✓' : '✗';
  const id = delivery.messageId === null ? '' : ` ${delivery.messageId}`;
  const notes = delivery.notes.length === 0 ? '' : ` [${delivery.notes.join('; ')}]`;
  return `#${delivery.seq} ${mark} ${delivery.status} ${delivery.trigger ?? '(unknown)'}${id} ${delivery.reason}${notes}`;
}
