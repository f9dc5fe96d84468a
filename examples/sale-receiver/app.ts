/**
 * A small app that receives systeme.io's webhooks: it verifies the signature over the raw body, handles
 * each message once (systeme.io may deliver a message more than once), and when a sale arrives tags the
 * buyer through the systeme.io API.
 */
import { Hono } from 'hono';
import { verifySignature } from 'systeme-mock/signature';

export interface SaleReceiverOptions {
  /** The secret of the webhook registered in systeme.io. */
  secret: string;
  apiKey: string;
  /** The tag that marks buyers. */
  buyerTagId: number;
  apiBaseUrl?: string;
  /** Message ids already handled: a database table in a real app. */
  handled?: Set<string>;
}

export function createSaleReceiver(options: SaleReceiverOptions): Hono {
  const apiBaseUrl = options.apiBaseUrl ?? 'https://api.systeme.io/api';
  const handled = options.handled ?? new Set<string>();
  const app = new Hono();

  app.post('/webhooks/systeme', async (c) => {
    // Verify the exact bytes received: re-serialized JSON would not match the signature.
    const body = await c.req.text();
    if (!verifySignature(body, c.req.header('x-webhook-signature'), options.secret)) {
      return c.json({ error: 'invalid signature' }, 401);
    }
    const messageId = c.req.header('x-webhook-message-id');
    if (messageId === undefined) return c.json({ error: 'missing x-webhook-message-id' }, 400);
    if (handled.has(messageId)) return c.json({ status: 'duplicate' });
    handled.add(messageId);

    if (c.req.header('x-webhook-event') === 'SALE_NEW') {
      const sale = JSON.parse(body) as { customer: { contactId: number } };
      const response = await fetch(`${apiBaseUrl}/contacts/${sale.customer.contactId}/tags`, {
        method: 'POST',
        headers: { 'x-api-key': options.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ tagId: options.buyerTagId }),
      });
      if (!response.ok) {
        // Not handled after all: let systeme.io's retry try again.
        handled.delete(messageId);
        return c.json({ error: `systeme.io API answered ${response.status}` }, 502);
      }
    }
    return c.json({ status: 'processed' });
  });

  return app;
}
