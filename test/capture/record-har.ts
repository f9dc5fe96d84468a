import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';

/** A delivery the page POSTs: headers as a capture shows them, the body as exact text. */
export interface PagePost {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Chromium's flags for a quiet headless run in CI (no sandbox in containers, no background traffic). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Records a HAR file with playwright-core's `recordHar` in real headless Chromium: a page on 127.0.0.1
 * POSTs each delivery to a local server, as webhook.site shows a delivery in the browser. Resolves to
 * the bodies the server received, byte for byte, to compare with what the HAR kept.
 */
export async function recordHar(harPath: string, posts: readonly PagePost[]): Promise<Buffer[]> {
  const received: Buffer[] = [];
  const server = createServer((request, response) => {
    if (request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>inbox</title>');
      return;
    }
    void readBody(request).then((body) => {
      received.push(body);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ recordHar: { path: harPath } });
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.evaluate(async (list) => {
      for (const post of list) {
        const response = await fetch('/hook', { method: 'POST', headers: post.headers, body: post.body });
        await response.text();
      }
    }, posts as PagePost[]);
    await context.close();
  } finally {
    await browser.close();
    server.close();
  }
  return received;
}
