import { request, type Agent } from 'node:http';
import { readFileSync } from 'node:fs';
import { generate } from '../../src/generate/index.js';

/**
 * Unsigned automation bodies with the shapes an attacker (or a broken sender) would post, each about
 * `size` bytes: the cases of issue 10 (1). Shared by the inbox tests and `bench/inbox.ts`.
 */
export const HOSTILE_SHAPES = {
  /** A real customer.sale.completed whose `resources` holds only zeros: one schema problem per zero. */
  zeros(size: number): string {
    const payload = generate('customer.sale.completed', { seed: 1 }).payload as unknown as { data: { order_item: { resources: unknown } } };
    payload.data.order_item.resources = '__ZEROS__';
    const head = JSON.stringify(payload);
    const count = Math.max(1, Math.floor((size - head.length) / 2));
    return head.replace('"__ZEROS__"', `[${'0,'.repeat(count - 1)}0]`);
  },
  /** Arrays nested as deep as the size allows, under `data`. */
  deep(size: number): string {
    const head = '{"type":"customer.sale.completed","data":';
    const depth = Math.max(1, Math.floor((size - head.length - 1) / 2));
    return `${head}${'['.repeat(depth)}${']'.repeat(depth)}}`;
  },
  /** A `type` of `size` characters: echoed by a careless verdict. */
  longType(size: number): string {
    return `{"type":"${'x'.repeat(Math.max(1, size - 11))}"}`;
  },
  /** A body of many keys where the documented shape has four: every key is named in the problem. */
  manyKeys(size: number): string {
    const parts: string[] = [];
    let length = 40;
    for (let i = 0; length < size; i++) {
      const part = `"k${i}":0`;
      parts.push(part);
      length += part.length + 1;
    }
    return `{"type":"customer.sale.completed",${parts.join(',')}}`;
  },
} as const;

export type HostileShape = keyof typeof HOSTILE_SHAPES;

export interface PostResult {
  status: number;
  body: string;
  /** From the request's start to the end of the answer, in milliseconds. */
  ms: number;
}

/** One POST over node:http; rejects on a connection error (a reset is a failure, not an answer). */
export function postBody(url: string, body: string | Buffer, headers: Record<string, string> = {}, agent?: Agent): Promise<PostResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Peak and current resident memory of a process, from /proc (Linux), in bytes. */
export function readProcessMemory(pid: number): { peak: number; current: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
    if (match === null) throw new Error(`Failed to read ${name} of process ${pid} from /proc.`);
    return Number(match[1]) * 1024;
  };
  return { peak: kib('VmHWM'), current: kib('VmRSS') };
}
