import { http, type HttpHandler } from 'msw';

/** A fetch-style request handler: Hono's `app.fetch`, a Next.js route handler, a Remix action, ... */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** One delivery a receiver handled, for assertions. */
export interface ReceivedDelivery {
  url: string;
  /** Request headers, lowercase names. */
  headers: Record<string, string>;
  /** The exact request body. */
  body: string;
  /** The handler's answer; 500 (body `Internal Server Error`) when it threw. */
  status: number;
  responseBody: string;
  /** The handler's error message when it threw. */
  error: string | null;
}

/** An msw handler that also records what it received and answered. */
export type ReceiverHandler = HttpHandler & {
  /** Every delivery so far, oldest first. */
  readonly deliveries: readonly ReceivedDelivery[];
  clearDeliveries(): void;
};

/**
 * An msw handler for your webhook URL that hands each delivery to your fetch-style handler, so the app's
 * real route runs without a server; deliveries and responses are recorded on `.deliveries`.
 * @example
 * const receiver = createReceiverHandler('https://app.test/webhooks/systeme', app.fetch);
 * const server = setupServer(...api.handlers, receiver);
 */
export function createReceiverHandler(url: string, handler: FetchHandler): ReceiverHandler {
  const deliveries: ReceivedDelivery[] = [];
  const mswHandler = http.post(url, async ({ request }) => {
    const body = await request.clone().text();
    const record: ReceivedDelivery = {
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body,
      status: 500,
      responseBody: '',
      error: null,
    };
    deliveries.push(record);
    try {
      const response = await handler(request);
      record.status = response.status;
      record.responseBody = await response.clone().text();
      return response;
    } catch (error) {
      // A crashed route answers 500, as a server would; the error stays on the record for the test to read.
      record.error = error instanceof Error ? error.message : String(error);
      record.responseBody = 'Internal Server Error';
      return new Response(record.responseBody, { status: 500, headers: { 'content-type': 'text/plain' } });
    }
  });
  return Object.assign(mswHandler, {
    deliveries: deliveries as readonly ReceivedDelivery[],
    clearDeliveries() {
      deliveries.length = 0;
    },
  });
}
