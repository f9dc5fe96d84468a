/**
 * The minimal receiver the load bench fires at: node:http on 127.0.0.1, drains the body with
 * `resume()` and answers 204 once it has ended, doing no other work. Run as its own process so it never
 * shares a core's event loop with the load generator, and both clients meet the same receiver.
 * Prints `{"port": N}` on stdout when listening; prints `{"received": N}` on SIGTERM before exiting.
 */
import { createServer } from 'node:http';

let received = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received++;
    res.statusCode = 204;
    res.end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
process.on('SIGTERM', () => {
  process.stdout.write(`${JSON.stringify({ received })}\n`);
  process.exit(0);
});
