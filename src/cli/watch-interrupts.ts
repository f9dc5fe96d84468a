import { exitCodeForSignal } from './exit-codes.js';

/** The signals that end a run in order, in every command. */
export const INTERRUPT_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface Interrupts {
  /** Aborted by the first signal: start nothing new, let what is in flight finish. */
  readonly stop: AbortSignal;
  /** Aborted by a second signal: cancel what is in flight now. Reports and logs are still written. */
  readonly abort: AbortSignal;
  /** 128 + the first signal's number once one arrived (130 for Ctrl-C), else undefined. */
  exitCode(): number | undefined;
  /** Stops listening; call it in a `finally`. */
  dispose(): void;
}

export interface WatchInterruptsOptions {
  /** Says what happens now, once, on the first signal (stderr). */
  onStop?: ((signal: NodeJS.Signals) => void) | undefined;
  /** Says what happens now, once, on the second signal. */
  onAbort?: ((signal: NodeJS.Signals) => void) | undefined;
}

/**
 * One interrupt policy for every command: SIGINT, SIGTERM and SIGHUP are the same request to stop.
 * The first stops new work, the second cancels work in flight; either way the command then ends in
 * order (report printed, log flushed, temp files removed) and exits 128 + the first signal. A third
 * signal is the escape hatch for a run that does not end: it exits at once with that code.
 * @example const interrupts = watchInterrupts(); try { await run(interrupts.stop) } finally { interrupts.dispose() }
 */
export function watchInterrupts(options: WatchInterruptsOptions = {}): Interrupts {
  const stop = new AbortController();
  const abort = new AbortController();
  let first: NodeJS.Signals | undefined;
  let count = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    count++;
    if (count === 1) {
      first = signal;
      options.onStop?.(signal);
      stop.abort();
    } else if (count === 2) {
      options.onAbort?.(signal);
      abort.abort();
    } else {
      process.exit(exitCodeForSignal(first ?? signal));
    }
  };
  for (const signal of INTERRUPT_SIGNALS) process.on(signal, onSignal);
  return {
    stop: stop.signal,
    abort: abort.signal,
    exitCode: () => (first === undefined ? undefined : exitCodeForSignal(first)),
    dispose() {
      for (const signal of INTERRUPT_SIGNALS) process.off(signal, onSignal);
    },
  };
}
