import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

/** One request as it arrived on the wire: its exact bytes, and the connection (1-based) it came on. */
export interface WireRequest {
  bytes: Buffer;
  head: string;
  body: Buffer;
  connection: number;
}

export interface ScriptedServer {
  origin: string;
  port: number;
  requests: WireRequest[];
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A TCP server that reads HTTP/1.1 requests (head plus content-length body) and lets the test answer
 * each with exact bytes, so a client's parser meets every framing a receiver can send.
 */
export async function startScriptedServer(answer: (socket: Socket, request: WireRequest, index: number) => void): Promise<ScriptedServer> {
  const requests: WireRequest[] = [];
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    const connection = ++accepted;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end === -1) return;
        const head = buffer.subarray(0, end).toString('latin1');
        const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? 0);
        if (buffer.length < end + 4 + length) return;
        const request: WireRequest = {
          bytes: buffer.subarray(0, end + 4 + length),
          head,
          body: buffer.subarray(end + 4, end + 4 + length),
          connection,
        };
        buffer = buffer.subarray(end + 4 + length);
        requests.push(request);
        answer(socket, request, requests.length - 1);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
