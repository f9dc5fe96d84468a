import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built bin: `npm test` builds first. */
export const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/cli/main.js');

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningBin {
  child: ChildProcess;
  /** Everything written to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout contains the text. */
  waitForStdout(text: string | RegExp, timeoutMs?: number): Promise<string>;
  done: Promise<BinResult>;
}

/** Starts the built CLI with the given arguments and environment (SYSTEME_MOCK_SECRET removed unless given). */
export function startBin(args: readonly string[], env: Record<string, string> = {}): RunningBin {
  const { SYSTEME_MOCK_SECRET: _ignored, ...base } = process.env;
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...base, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const waiter of waiters) waiter();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<BinResult>((resolveDone) => child.on('close', (code) => resolveDone({ code, stdout, stderr })));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStdout(text, timeoutMs = 10_000) {
      return new Promise((resolveWait, reject) => {
        const check = (): boolean => {
          if (typeof text === 'string' ? stdout.includes(text) : text.test(stdout)) {
            waiters.delete(onData);
            clearTimeout(timer);
            resolveWait(stdout);
            return true;
          }
          return false;
        };
        const onData = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(onData);
          reject(new Error(`Failed to see ${String(text)} on stdout within ${timeoutMs} ms; stdout: ${stdout}; stderr: ${stderr}`));
        }, timeoutMs);
        if (!check()) waiters.add(onData);
      });
    },
    done,
  };
}

/** Runs the built CLI to completion. */
export function runBin(args: readonly string[], env: Record<string, string> = {}): Promise<BinResult> {
  return startBin(args, env).done;
}
