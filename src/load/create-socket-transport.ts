import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { UsageError } from '../errors.js';
import type { InFlight, LoadTransport, TransportResult } from './create-load-transport.js';

// A response head larger than this is not a webhook receiver's answer: the connection is dropped.
const MAX_HEAD_BYTES = 64 * 1024;
// A chunk-size line or a trailer line longer than this is malformed.
const MAX_LINE_BYTES = 8 * 1024;
const HEADER_FORBIDDEN = /[\r\n\0]/;
// A connection's request bytes are encoded into a slab it keeps (no string is built for the whole
// request, and nothing is allocated per request while the slab fits); a bigger request grows it.
const SLAB_BYTES = 16 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');

// biome-ignore lint/suspicious/noConstEnum: inlined as numbers in the parser's hot loop; the enum never leaves this module.
const enum Phase {
  Head,
  Fixed,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  UntilClose,
}

class ParseFailure extends Error {}

/** One request: queued, then on a connection until its response is read or it fails. */
class SocketRequest implements InFlight {
  connection: Connection | null = null;
  finished = false;
  retried = false;

  constructor(
    readonly transport: SocketTransport,
    /** Everything before the body: request line, headers, content-length and the blank line. */
    readonly head: string,
    readonly body: string | Uint8Array,
    /** An upper bound of the request's bytes once encoded. */
    readonly maxBytes: number,
    readonly encoding: 'latin1' | 'utf8',
    readonly done: (result: TransportResult) => void,
  ) {}

  abort(kind: 'timeout' | 'aborted'): void {
    if (this.finished) return;
    const connection = this.connection;
    if (connection === null) this.transport.unqueue(this);
    // The connection is mid-request: its bytes can no longer be trusted, so it goes, and is replaced.
    else connection.destroy();
    this.finish(null, kind);
    this.transport.drain();
  }

  finish(status: number | null, errorKind: string | null): void {
    if (this.finished) return;
    this.finished = true;
    this.connection = null;
    this.done({ status, errorKind });
  }
}

/** One keep-alive socket carrying one request at a time, with an incremental HTTP/1.1 response parser. */
class Connection {
  readonly socket: Socket;
  request: SocketRequest | null = null;
  /** True once a response has been read on it: a failure before any byte may be a stale keep-alive. */
  reused = false;
  closed = false;
  private errorCode: string | null = null;
  private responseBytes = 0;
  private phase = Phase.Head;
  private head = '';
  private line = '';
  private status = 0;
  private remaining = 0;
  private closeAfter = false;
  /** Where requests are encoded before their write; null while a write still holds it (see start). */
  private slab: Buffer | null = null;

  constructor(private readonly transport: SocketTransport) {
    this.socket = connect({ host: transport.host, port: transport.port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (error: Error) => {
      const code = (error as { code?: unknown }).code;
      this.errorCode = typeof code === 'string' ? code : error.name;
    });
    this.socket.on('close', () => this.onClose());
  }

  start(request: SocketRequest): void {
    this.request = request;
    request.connection = this;
    this.responseBytes = 0;
    this.resetMessage();
    let slab = this.slab;
    if (slab === null || slab.length < request.maxBytes) slab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, request.maxBytes));
    if (request.head === '' && typeof request.body !== 'string') {
      // A wire request: its bytes are complete and never reused by their builder.
      this.socket.write(request.body);
      return;
    }
    const headBytes = slab.write(request.head, 0, request.encoding);
    let bytes = headBytes;
    if (typeof request.body === 'string') bytes += slab.write(request.body, headBytes, request.encoding);
    else {
      slab.set(request.body, headBytes);
      bytes += request.body.length;
    }
    // One write of one buffer: one syscall, the head and the body together (as one string was before).
    this.socket.write(slab.subarray(0, bytes));
    // Written through to the kernel at once (the usual case on an open socket), the slab is free again;
    // otherwise the pending write still reads it (a new socket still connecting, a full send buffer),
    // so the next request gets a fresh one.
    this.slab = this.socket.writableLength === 0 ? slab : null;
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.request = null;
    this.socket.destroy();
    this.transport.forget(this);
  }

  private resetMessage(): void {
    this.phase = Phase.Head;
    this.head = '';
    this.line = '';
    this.status = 0;
    this.remaining = 0;
    this.closeAfter = false;
  }

  private onData(chunk: Buffer): void {
    if (this.request === null) {
      // Bytes nobody asked for: the connection is out of step with us.
      this.destroy();
      return;
    }
    this.responseBytes += chunk.length;
    try {
      this.parse(chunk);
    } catch (error) {
      if (!(error instanceof ParseFailure)) throw error;
      const request = this.request;
      this.destroy();
      request?.finish(null, 'parse');
      this.transport.drain();
    }
  }

  private parse(chunk: Buffer): void {
    let i = 0;
    const end = chunk.length;
    while (i < end) {
      switch (this.phase) {
        case Phase.Head: {
          if (this.head === '') {
            // The usual case: the whole head is in this chunk, found without building a string first.
            const at = chunk.indexOf(HEAD_END, i);
            if (at !== -1) {
              const headStart = i;
              i = at + 4;
              this.readHead(chunk.toString('latin1', headStart, at));
              if ((this.phase as Phase) === Phase.Fixed && this.remaining === 0) return this.complete(end - i);
              break;
            }
          }
          const before = this.head.length;
          this.head += chunk.toString('latin1', i, end);
          const at = this.head.indexOf('\r\n\r\n', before > 3 ? before - 3 : 0);
          if (at === -1) {
            if (this.head.length > MAX_HEAD_BYTES) throw new ParseFailure();
            return;
          }
          i += at + 4 - before;
          const head = this.head;
          this.head = '';
          this.readHead(head.slice(0, at));
          if ((this.phase as Phase) === Phase.Fixed && this.remaining === 0) return this.complete(end - i);
          break;
        }
        case Phase.Fixed: {
          const take = Math.min(this.remaining, end - i);
          this.remaining -= take;
          i += take;
          if (this.remaining === 0) return this.complete(end - i);
          break;
        }
        case Phase.UntilClose:
          return;
        case Phase.ChunkData: {
          const take = Math.min(this.remaining, end - i);
          this.remaining -= take;
          i += take;
          if (this.remaining === 0) {
            this.phase = Phase.ChunkDataEnd;
            this.line = '';
          }
          break;
        }
        case Phase.ChunkSize:
        case Phase.ChunkDataEnd:
        case Phase.Trailers: {
          const nl = chunk.indexOf(10, i);
          const stop = nl === -1 ? end : nl + 1;
          this.line += chunk.toString('latin1', i, stop);
          i = stop;
          if (this.line.length > MAX_LINE_BYTES) throw new ParseFailure();
          if (nl === -1) return;
          if (!this.line.endsWith('\r\n')) throw new ParseFailure();
          const line = this.line.slice(0, -2);
          this.line = '';
          if (this.phase === Phase.ChunkDataEnd) {
            if (line !== '') throw new ParseFailure();
            this.phase = Phase.ChunkSize;
          } else if (this.phase === Phase.ChunkSize) {
            // size [; extensions]: extensions are allowed and ignored.
            const semi = line.indexOf(';');
            const hex = (semi === -1 ? line : line.slice(0, semi)).trim();
            if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) throw new ParseFailure();
            const size = Number.parseInt(hex, 16);
            if (size === 0) this.phase = Phase.Trailers;
            else {
              this.remaining = size;
              this.phase = Phase.ChunkData;
            }
          } else if (line === '') {
            return this.complete(end - i);
          }
          // A trailer line: read and ignored.
          break;
        }
      }
    }
  }

  /** Reads a status line and headers, and sets how the body is framed. */
  private readHead(head: string): void {
    const lines = head.split('\r\n');
    const match = /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/.exec(lines[0]!);
    if (match === null) throw new ParseFailure();
    const status = Number(match[2]);
    if (status < 100) throw new ParseFailure();
    let contentLength = -1;
    let chunked = false;
    let otherCoding = false;
    let keepAlive = match[1] === '1';
    for (let k = 1; k < lines.length; k++) {
      const line = lines[k]!;
      const colon = line.indexOf(':');
      // No name, a space before the colon, or an obsolete folded line: refused, as llhttp does.
      if (colon <= 0 || line.charCodeAt(colon - 1) === 32 || line.charCodeAt(0) === 32 || line.charCodeAt(0) === 9)
        throw new ParseFailure();
      // Only three names matter here: the others are skipped by length before any lowercasing.
      if (colon !== 14 && colon !== 17 && colon !== 10) continue;
      const name = line.slice(0, colon).toLowerCase();
      if (name === 'content-length') {
        const value = line.slice(colon + 1).trim();
        if (!/^\d{1,15}$/.test(value)) throw new ParseFailure();
        const length = Number(value);
        if (contentLength !== -1 && contentLength !== length) throw new ParseFailure();
        contentLength = length;
      } else if (name === 'transfer-encoding') {
        const codings = line
          .slice(colon + 1)
          .toLowerCase()
          .split(',')
          .map((c) => c.trim())
          .filter((c) => c !== '');
        // Only a final `chunked` frames the body; any other final coding reads until close.
        chunked = codings[codings.length - 1] === 'chunked';
        otherCoding = !chunked && codings.length > 0;
      } else if (name === 'connection') {
        const tokens = line
          .slice(colon + 1)
          .toLowerCase()
          .split(',')
          .map((t) => t.trim());
        if (tokens.includes('close')) keepAlive = false;
        else if (tokens.includes('keep-alive')) keepAlive = true;
      }
    }
    if (status < 200) {
      // 1xx informational (100 Continue, 102 Processing, 103 Early Hints): no body; the real one follows.
      // 101 would switch protocols, which was never asked for.
      if (status === 101) throw new ParseFailure();
      this.phase = Phase.Head;
      return;
    }
    this.status = status;
    this.closeAfter = !keepAlive;
    if (status === 204 || status === 304) {
      this.phase = Phase.Fixed;
      this.remaining = 0;
    } else if (chunked) {
      // Content-Length alongside chunked is a smuggling signal: chunked wins and the socket is not reused.
      if (contentLength !== -1) this.closeAfter = true;
      this.phase = Phase.ChunkSize;
      this.line = '';
    } else if (otherCoding || contentLength === -1) {
      this.phase = Phase.UntilClose;
      this.closeAfter = true;
    } else {
      this.phase = Phase.Fixed;
      this.remaining = contentLength;
    }
  }

  /** The response body is fully read; `extra` bytes after it mean the connection is out of step. */
  private complete(extra: number): void {
    const request = this.request!;
    if (extra > 0) throw new ParseFailure();
    this.request = null;
    if (this.closeAfter) this.destroy();
    else this.reused = true;
    request.connection = null;
    this.transport.release(this.closed ? null : this, request, this.status);
  }

  private onClose(): void {
    const request = this.request;
    const wasClosed = this.closed;
    this.closed = true;
    this.request = null;
    if (!wasClosed) this.transport.forget(this);
    if (request === null || request.finished) {
      this.transport.drain();
      return;
    }
    if (this.phase === Phase.UntilClose && this.errorCode === null) {
      request.connection = null;
      this.transport.release(null, request, this.status);
      return;
    }
    // A reused keep-alive socket that fails before any response byte was most likely closed by the
    // server while idle (its close raced our write): replay once on a fresh socket, as undici does.
    const stale =
      this.reused && this.responseBytes === 0 && (this.errorCode === null || this.errorCode === 'ECONNRESET' || this.errorCode === 'EPIPE');
    if (stale && !request.retried) {
      request.retried = true;
      request.connection = null;
      this.transport.retry(request);
      return;
    }
    request.finish(null, this.errorCode ?? 'socket');
    this.transport.drain();
  }
}

class SocketTransport implements LoadTransport {
  readonly host: string;
  readonly port: number;
  private readonly prefix: string;
  private readonly connections = new Set<Connection>();
  private readonly idle: Connection[] = [];
  private queue: SocketRequest[] = [];
  private closing = false;

  constructor(
    url: URL,
    private readonly max: number,
  ) {
    this.host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    this.port = url.port === '' ? 80 : Number(url.port);
    this.prefix = ` HTTP/1.1\r\nhost: ${url.host}\r\n`;
  }

  sendWire(bytes: Uint8Array, done: (result: TransportResult) => void): InFlight {
    const request = new SocketRequest(this, '', bytes, bytes.length, 'latin1', done);
    if (this.closing) request.finish(null, 'aborted');
    else this.dispatch(request);
    return request;
  }

  send(path: string, headers: string[], body: string | Uint8Array, done: (result: TransportResult) => void): InFlight {
    let head = 'POST ' + path + this.prefix;
    // Names and values are checked together, once per request: a line break in either would let a
    // header smuggle another header or end the head early.
    let checked = path;
    for (let k = 0; k + 1 < headers.length; k += 2) {
      const name = headers[k]!;
      const value = headers[k + 1]!;
      checked += name + value;
      head += name + ': ' + value + '\r\n';
    }
    // Bodies are ASCII (PHP-escaped JSON), so latin1 writes them byte for byte; anything else goes as
    // UTF-8 (the head too, as when the request was one string).
    const bytes = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
    head += 'content-length: ' + bytes + '\r\n\r\n';
    const latin1 = bytes === body.length;
    const request = new SocketRequest(this, head, body, (latin1 ? head.length : head.length * 3) + bytes, latin1 ? 'latin1' : 'utf8', done);
    // Failures are reported through `done`, as a response-less request, never thrown into the engine.
    if (HEADER_FORBIDDEN.test(checked)) request.finish(null, 'invalid-header');
    else if (this.closing) request.finish(null, 'aborted');
    else this.dispatch(request);
    return request;
  }

  private dispatch(request: SocketRequest): void {
    let connection = this.idle.pop();
    while (connection !== undefined && (connection.closed || connection.socket.readableEnded)) {
      connection.destroy();
      connection = this.idle.pop();
    }
    if (connection === undefined) {
      if (this.connections.size >= this.max) {
        this.queue.push(request);
        return;
      }
      connection = new Connection(this);
      this.connections.add(connection);
    }
    connection.start(request);
  }

  /** A request's response is read: free its connection (null when it closed), then report. */
  release(connection: Connection | null, request: SocketRequest, status: number): void {
    // The connection goes back (or a queued request takes it) before `done`, which may send again.
    if (connection !== null) {
      const next = this.queue.shift();
      if (next !== undefined) connection.start(next);
      else this.idle.push(connection);
    }
    request.finish(status, null);
    this.drain();
  }

  /** Replays a request on a fresh socket (its stale one is already forgotten, so there is room). */
  retry(request: SocketRequest): void {
    if (this.closing) return request.finish(null, 'aborted');
    if (this.connections.size >= this.max) {
      this.queue.unshift(request);
      return this.drain();
    }
    const connection = new Connection(this);
    this.connections.add(connection);
    connection.start(request);
  }

  unqueue(request: SocketRequest): void {
    const at = this.queue.indexOf(request);
    if (at !== -1) this.queue.splice(at, 1);
  }

  forget(connection: Connection): void {
    this.connections.delete(connection);
    const at = this.idle.indexOf(connection);
    if (at !== -1) this.idle.splice(at, 1);
  }

  /** Starts queued requests while there is room (after a connection closed or was destroyed). */
  drain(): void {
    if (this.closing) return;
    while (this.queue.length > 0 && (this.idle.length > 0 || this.connections.size < this.max)) this.dispatch(this.queue.shift()!);
  }

  async close(): Promise<void> {
    this.closing = true;
    const queued = this.queue;
    this.queue = [];
    for (const connection of [...this.connections]) {
      const request = connection.request;
      connection.destroy();
      request?.finish(null, 'aborted');
    }
    for (const request of queued) request.finish(null, 'aborted');
  }
}

/**
 * The load path's transport for `http:` targets: keep-alive `net` sockets (up to `connections`, opened
 * lazily, the most recently used reused first), one request in flight per socket, each request encoded
 * into its connection's reusable buffer and sent as one write, responses parsed incrementally (content-length, chunked, until-close; 1xx
 * skipped). A reused socket that fails before any response byte is replayed once on a fresh one (the
 * server closed it while idle; it may still have received the request, as with any HTTP client's replay).
 * It does per request about half the JavaScript work of undici's dispatch, which validates and
 * re-serializes every header (measured figures in the README, Transport).
 * @example const t = createSocketTransport('http://127.0.0.1:3000', 64); t.send('/hook', ['content-type', 'application/json'], body, done)
 */
export function createSocketTransport(origin: string, connections: number): LoadTransport {
  const url = new URL(origin);
  if (url.protocol !== 'http:') {
    throw new UsageError(
      `Failed to create the socket transport for ${origin}: it speaks plain http: only. Use createLoadTransport for https: targets.`,
      'BAD_OPTION',
    );
  }
  return new SocketTransport(url, Math.max(1, connections));
}
