import { UsageError } from '../errors.js';
import { createLoadTransport } from './create-load-transport.js';
import type { LoadTransport } from './create-load-transport.js';
import { createSocketTransport } from './create-socket-transport.js';

export type LoadTransportName = 'undici' | 'socket';

/**
 * Picks the engine's transport for an origin: the raw-socket client for http:, undici for https: (TLS).
 * `SYSTEME_MOCK_TRANSPORT=undici|socket` overrides it for http: targets: a diagnostic switch, read
 * only here, for comparing transports or ruling one out when a receiver misbehaves.
 * @example const transport = chooseLoadTransport('http://127.0.0.1:3000', 64)
 */
export function chooseLoadTransport(origin: string, connections: number, env: NodeJS.ProcessEnv = process.env): LoadTransport {
  return chooseLoadTransportName(origin, env) === 'socket'
    ? createSocketTransport(origin, connections)
    : createLoadTransport(origin, connections);
}

// Measured on the real engine path (README, Transport): the socket client, with undici as the switch back.
const DEFAULT_HTTP: LoadTransportName = 'socket';

/** Which transport `chooseLoadTransport` would use for an origin. */
export function chooseLoadTransportName(origin: string, env: NodeJS.ProcessEnv = process.env): LoadTransportName {
  const asked = env.SYSTEME_MOCK_TRANSPORT;
  if (asked !== undefined && asked !== '' && asked !== 'undici' && asked !== 'socket') {
    throw new UsageError(
      `Failed to choose the load transport: SYSTEME_MOCK_TRANSPORT is "${asked}", not undici or socket. Unset it or set it to undici or socket.`,
      'BAD_OPTION',
    );
  }
  if (!origin.startsWith('http:')) return 'undici';
  return asked === 'undici' || asked === 'socket' ? asked : DEFAULT_HTTP;
}
