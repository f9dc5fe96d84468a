import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

export interface ReceivedRequest {
  n: number;
  headers: IncomingHttpHeaders;
  body: string;
  status: number | null;
}

export interface TestReceiverOptions {
  /** Status for the n-th request (1-based); null leaves it unanswered. */
  statusFor?: (n: number) => number | null;
  /** Delay before answering the n-th request, ms. */
  delayFor?: (n: number) => number;
  /** Keep bodies (tests that check bytes); otherwise only counts and headers. */
  keepBodies?: boolean;
}

export interface TestReceiver {
  url: string;
  received: ReceivedRequest[];
  /** Responses sent, by status. */
  answered: Map<number, number>;
  close(): Promise<void>;
}

/** A loopback receiver that answers by rule, so a test knows exactly what the load engine should count. */
export async function startTestReceiver(options: TestReceiverOptions = {}): Promise<TestReceiver> {
  const received: ReceivedRequest[] = [];
  const answered = new Map<number, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = received.length + 1;
      const status = options.statusFor === undefined ? 204 : options.statusFor(n);
      const entry: ReceivedRequest = {
        n,
        headers: req.headers,
        body: options.keepBodies === true ? Buffer.concat(chunks).toString() : '',
        status,
      };
      received.push(entry);
      if (status === null) return;
      const answer = (): void => {
        answered.set(status, (answered.get(status) ?? 0) + 1);
        res.statusCode = status;
        res.end();
      };
      const delay = options.delayFor?.(n) ?? 0;
      if (delay > 0) setTimeout(answer, delay);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks/systeme?src=test`,
    received,
    answered,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
