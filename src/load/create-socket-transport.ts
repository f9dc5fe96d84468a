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
// Every connection of a transport reads into one buffer (net's `onread`): a read is parsed before the
// next one can arrive, and only an unfinished head is copied out. No Buffer, no stream push per read.
const READ_BYTES = 64 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
// The longest head remembered for the comparison (see KnownHead): a receiver's usual answer is ~100 bytes.
const KNOWN_HEAD_BYTES = 1024;
const NO_BODY = new Uint8Array(0);

// The three header names the parser reads, lowercase, as char codes (see sameName).
const CONTENT_LENGTH = codesOf('content-length');
const TRANSFER_ENCODING = codesOf('transfer-encoding');
const CONNECTION = codesOf('connection');
const KEEP_ALIVE = codesOf('keep-alive');
const CLOSE = codesOf('close');

function codesOf(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

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

/** The last final head the transport parsed, its exact bytes, and what it set (see Connection.parse). */
interface KnownHead {
  readonly bytes: Buffer;
  readonly phase: Phase;
  readonly status: number;
  readonly remaining: number;
  readonly closeAfter: boolean;
}

/**
 * The request line and host header the socket transport writes before a request's own headers:
 * `POST <path> HTTP/1.1\r\nhost: <host>\r\n`. Whoever builds complete request bytes for `sendWire`
 * starts them with this, so both paths put the same bytes on the wire.
 * @example formatRequestPrefix(new URL('http://127.0.0.1:3000/hook'), '/hook') // 'POST /hook HTTP/1.1\r\nhost: 127.0.0.1:3000\r\n'
 */
export function formatRequestPrefix(url: URL, path: string): string {
  return `POST ${path} HTTP/1.1\r\nhost: ${url.host}\r\n`;
}

/** One request: queued, then on a connection until its response is read or it fails. */
class SocketRequest implements InFlight {
  connection: Connection | null = null;
  finished = false;
  retried = false;

  constructor(
    readonly transport: SocketTransport,
    /** Everything before the body: request line, headers, content-length and the blank line ('' for wire). */
    readonly head: string,
    readonly body: string | Uint8Array,
    /** The complete request bytes (sendWire): written as given, head and body already in them. */
    readonly wire: Uint8Array | null,
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

/** Offset of the first CR LF in buf[from, end), or -1. */
function findLineEnd(buf: Uint8Array, from: number, end: number): number {
  for (let k = from; k + 1 < end; k++) if (buf[k] === 13 && buf[k + 1] === 10) return k;
  return -1;
}

/** Offset of the first `byte` in buf[from, end), or -1 (the read buffer holds stale bytes past `end`). */
function findByte(buf: Uint8Array, byte: number, from: number, end: number): number {
  for (let k = from; k < end; k++) if (buf[k] === byte) return k;
  return -1;
}

/** buf[from, to) is `name` (lowercase codes), compared ASCII case-insensitively. */
function sameName(buf: Uint8Array, from: number, to: number, name: Uint8Array): boolean {
  if (to - from !== name.length) return false;
  for (let k = 0; k < name.length; k++) {
    const b = buf[from + k]!;
    const c = name[k]!;
    if (b !== c && !(c >= 97 && c <= 122 && b === c - 32)) return false;
  }
  return true;
}

/** A space or a tab: the whitespace allowed around a header value. */
function isSpace(b: number): boolean {
  return b === 32 || b === 9;
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
  /** The start of a head that has not fully arrived (copied out of the shared read buffer), or null. */
  private pendingHead: Buffer | null = null;
  private line = '';
  private status = 0;
  private remaining = 0;
  private closeAfter = false;
  /** Where requests are encoded before their write; null while a write still holds it (see start). */
  private slab: Buffer | null = null;

  constructor(private readonly transport: SocketTransport) {
    this.socket = connect({
      host: transport.host,
      port: transport.port,
      noDelay: true,
      onread: {
        buffer: transport.readBuffer,
        callback: (bytes: number, buffer: Uint8Array): boolean => {
          this.onData(buffer as Buffer, bytes);
          // Keep reading: a response is parsed as it arrives, never held back.
          return true;
        },
      },
    });
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
    if (request.wire !== null) {
      // Complete bytes from the caller, never reused by it: written as they are, no copy (a replay after
      // a stale keep-alive writes them again).
      this.socket.write(request.wire);
      return;
    }
    let slab = this.slab;
    if (slab === null || slab.length < request.maxBytes) slab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, request.maxBytes));
    const headBytes = slab.write(request.head, 0, request.encoding);
    const body = request.body;
    let bytes = headBytes;
    if (typeof body === 'string') bytes += slab.write(body, headBytes, request.encoding);
    else {
      slab.set(body, headBytes);
      bytes += body.byteLength;
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
    this.pendingHead = null;
    this.line = '';
    this.status = 0;
    this.remaining = 0;
    this.closeAfter = false;
  }

  /** `bytes` new bytes at the start of the shared read buffer; parsed at once, since the next read reuses it. */
  private onData(buffer: Buffer, bytes: number): void {
    if (this.request === null) {
      // Bytes nobody asked for: the connection is out of step with us.
      this.destroy();
      return;
    }
    this.responseBytes += bytes;
    try {
      this.parse(buffer, bytes);
    } catch (error) {
      if (!(error instanceof ParseFailure)) throw error;
      const request = this.request;
      this.destroy();
      request?.finish(null, 'parse');
      this.transport.drain();
    }
  }

  /** Parses chunk[0, end): the read buffer holds stale bytes past `end`, so nothing looks beyond it. */
  private parse(chunk: Buffer, end: number): void {
    let i = 0;
    while (i < end) {
      switch (this.phase) {
        case Phase.Head: {
          const pending = this.pendingHead;
          if (pending === null) {
            // The usual case: the whole head is in this read. A receiver answers with the same head again
            // and again (until its Date header moves on): one comparison with the last head read stands
            // for parsing it.
            const known = this.transport.knownHead;
            if (
              known !== null &&
              end - i >= known.bytes.length &&
              chunk.compare(known.bytes, 0, known.bytes.length, i, i + known.bytes.length) === 0
            ) {
              this.phase = known.phase;
              this.status = known.status;
              this.remaining = known.remaining;
              this.closeAfter = known.closeAfter;
              i += known.bytes.length;
            } else {
              // Parsed in place, without a string.
              const after = this.readHead(chunk, i, end);
              if (after === -1) {
                if (end - i > MAX_HEAD_BYTES) throw new ParseFailure();
                this.pendingHead = Buffer.from(chunk.subarray(i, end));
                return;
              }
              // A final head (not a 1xx) is remembered with what it set.
              if ((this.phase as Phase) !== Phase.Head && after - i <= KNOWN_HEAD_BYTES) {
                this.transport.knownHead = {
                  bytes: Buffer.from(chunk.subarray(i, after)),
                  phase: this.phase,
                  status: this.status,
                  remaining: this.remaining,
                  closeAfter: this.closeAfter,
                };
              }
              i = after;
            }
          } else {
            const before = pending.length;
            const joined = Buffer.concat([pending, chunk.subarray(i, end)]);
            // Only a head that has ended is parsed (a head trickling in byte by byte stays linear).
            if (joined.indexOf(HEAD_END, before > 3 ? before - 3 : 0) === -1) {
              if (joined.length > MAX_HEAD_BYTES) throw new ParseFailure();
              this.pendingHead = joined;
              return;
            }
            this.pendingHead = null;
            const after = this.readHead(joined, 0, joined.length);
            // The head ends inside `joined` (found above), so readHead returned its end or threw.
            i += after - before;
          }
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
          const nl = findByte(chunk, 10, i, end);
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

  /**
   * Reads a status line and headers from buf[start, end) and sets how the body is framed; returns the
   * offset after the head's blank line, or -1 when the head has not fully arrived (nothing is set then).
   * Works on bytes: the common answer (a status line, a few headers, content-length or none) builds no
   * string; only unusual values (a Transfer-Encoding, a list in Connection) are read as text.
   */
  private readHead(buf: Buffer, start: number, end: number): number {
    let lineEnd = findLineEnd(buf, start, end);
    if (lineEnd === -1) return -1;
    // HTTP/1.x DDD[ reason]: as /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/ on the line.
    const length = lineEnd - start;
    if (
      length < 12 ||
      buf[start] !== 72 || // H
      buf[start + 1] !== 84 || // T
      buf[start + 2] !== 84 || // T
      buf[start + 3] !== 80 || // P
      buf[start + 4] !== 47 || // /
      buf[start + 5] !== 49 || // 1
      buf[start + 6] !== 46 || // .
      (buf[start + 7] !== 48 && buf[start + 7] !== 49) ||
      buf[start + 8] !== 32
    )
      throw new ParseFailure();
    let status = 0;
    for (let k = start + 9; k < start + 12; k++) {
      const digit = buf[k]! - 48;
      if (digit < 0 || digit > 9) throw new ParseFailure();
      status = status * 10 + digit;
    }
    if (length > 12) {
      if (buf[start + 12] !== 32) throw new ParseFailure();
      for (let k = start + 13; k < lineEnd; k++) if (buf[k] === 10 || buf[k] === 13) throw new ParseFailure();
    }
    if (status < 100) throw new ParseFailure();
    let contentLength = -1;
    let chunked = false;
    let otherCoding = false;
    let keepAlive = buf[start + 7] === 49;
    for (;;) {
      const lineStart = lineEnd + 2;
      lineEnd = findLineEnd(buf, lineStart, end);
      if (lineEnd === -1) return -1;
      if (lineEnd === lineStart) break;
      const first = buf[lineStart];
      const colon = findByte(buf, 58, lineStart, lineEnd);
      // No name, a space before the colon, or an obsolete folded line: refused, as llhttp does.
      if (colon <= lineStart || buf[colon - 1] === 32 || first === 32 || first === 9) throw new ParseFailure();
      // Only three names matter here: the others are skipped by length before any comparison.
      const nameLength = colon - lineStart;
      if (nameLength === 14 && sameName(buf, lineStart, colon, CONTENT_LENGTH)) {
        const length = this.readContentLength(buf, colon + 1, lineEnd);
        if (contentLength !== -1 && contentLength !== length) throw new ParseFailure();
        contentLength = length;
      } else if (nameLength === 17 && sameName(buf, lineStart, colon, TRANSFER_ENCODING)) {
        const codings = buf
          .toString('latin1', colon + 1, lineEnd)
          .toLowerCase()
          .split(',')
          .map((c) => c.trim())
          .filter((c) => c !== '');
        // Only a final `chunked` frames the body; any other final coding reads until close.
        chunked = codings[codings.length - 1] === 'chunked';
        otherCoding = !chunked && codings.length > 0;
      } else if (nameLength === 10 && sameName(buf, lineStart, colon, CONNECTION)) {
        let from = colon + 1;
        let to = lineEnd;
        while (from < to && isSpace(buf[from]!)) from++;
        while (to > from && isSpace(buf[to - 1]!)) to--;
        // One token, as nearly every receiver sends, compared in place; a list is read as text.
        if (sameName(buf, from, to, KEEP_ALIVE)) keepAlive = true;
        else if (sameName(buf, from, to, CLOSE)) keepAlive = false;
        else {
          const tokens = buf
            .toString('latin1', colon + 1, lineEnd)
            .toLowerCase()
            .split(',')
            .map((t) => t.trim());
          if (tokens.includes('close')) keepAlive = false;
          else if (tokens.includes('keep-alive')) keepAlive = true;
        }
      }
    }
    const after = lineEnd + 2;
    if (status < 200) {
      // 1xx informational (100 Continue, 102 Processing, 103 Early Hints): no body; the real one follows.
      // 101 would switch protocols, which was never asked for.
      if (status === 101) throw new ParseFailure();
      this.phase = Phase.Head;
      return after;
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
    return after;
  }

  /** A content-length value: 1 to 15 digits between optional whitespace; anything else is refused. */
  private readContentLength(buf: Buffer, from: number, to: number): number {
    while (from < to && isSpace(buf[from]!)) from++;
    while (to > from && isSpace(buf[to - 1]!)) to--;
    let length = 0;
    let digits = 0;
    for (let k = from; k < to; k++) {
      const digit = buf[k]! - 48;
      if (digit < 0 || digit > 9) {
        digits = -1;
        break;
      }
      length = length * 10 + digit;
      digits++;
    }
    if (digits >= 1 && digits <= 15) return length;
    // Rarer whitespace around the digits (what String#trim removes): read as text.
    const value = buf.toString('latin1', from, to).trim();
    if (!/^\d{1,15}$/.test(value)) throw new ParseFailure();
    return Number(value);
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
  readonly readBuffer = Buffer.allocUnsafeSlow(READ_BYTES);
  knownHead: KnownHead | null = null;
  private readonly url: URL;
  private readonly connections = new Set<Connection>();
  private readonly idle: Connection[] = [];
  private queue: SocketRequest[] = [];
  private closing = false;
  // The request line and host of the last path (one path per run, in practice).
  private lastPath = '';
  private lastPrefix = '';

  constructor(
    url: URL,
    private readonly max: number,
  ) {
    this.url = url;
    this.host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    this.port = url.port === '' ? 80 : Number(url.port);
  }

  send(path: string, headers: string[], body: string | Uint8Array, done: (result: TransportResult) => void): InFlight {
    if (path !== this.lastPath || this.lastPrefix === '') {
      this.lastPath = path;
      this.lastPrefix = formatRequestPrefix(this.url, path);
    }
    let head = this.lastPrefix;
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
    // UTF-8 (the head too, as when the request was one string). A byte body goes as it is, after a
    // latin1 head.
    const text = typeof body === 'string';
    const bytes = text ? Buffer.byteLength(body, 'utf8') : body.byteLength;
    head += 'content-length: ' + bytes + '\r\n\r\n';
    const latin1 = !text || bytes === body.length;
    const request = new SocketRequest(
      this,
      head,
      body,
      null,
      (latin1 ? head.length : head.length * 3) + bytes,
      latin1 ? 'latin1' : 'utf8',
      done,
    );
    // Failures are reported through `done`, as a response-less request, never thrown into the engine.
    if (HEADER_FORBIDDEN.test(checked)) request.finish(null, 'invalid-header');
    else if (this.closing) request.finish(null, 'aborted');
    else this.dispatch(request);
    return request;
  }

  sendWire(bytes: Uint8Array, done: (result: TransportResult) => void): InFlight {
    const request = new SocketRequest(this, '', NO_BODY, bytes, bytes.byteLength, 'latin1', done);
    if (this.closing) request.finish(null, 'aborted');
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
 * into its connection's reusable buffer and sent as one write (or, from `sendWire`, its complete bytes
 * written as given), responses parsed incrementally from bytes (content-length, chunked, until-close;
 * 1xx skipped). A reused socket that fails before any response byte is replayed once on a fresh one (the
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
