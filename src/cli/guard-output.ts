/** A stream the CLI writes lines to, that turns a closed pipe or a failed write into one event. */
export interface GuardedOutput {
  /** Writes unless the stream failed before; never throws. */
  write(text: string): void;
  /** The error that closed it (EPIPE when the reader went away), or undefined while it works. */
  failure(): NodeJS.ErrnoException | undefined;
  /** Stops listening to the stream's errors. */
  dispose(): void;
}

/**
 * Guards every write to stdout: `| head -1` closing the pipe (EPIPE), or a full disk behind `> file`,
 * becomes one call to `onFailure` instead of a stack trace, and later writes are dropped, so the
 * command can stop and end in order (its log flushed, its report on stderr).
 * @example const out = guardOutput(process.stdout, () => stopController.abort())
 */
export function guardOutput(stream: NodeJS.WritableStream, onFailure: (error: NodeJS.ErrnoException) => void): GuardedOutput {
  let failed: NodeJS.ErrnoException | undefined;
  const fail = (error: NodeJS.ErrnoException): void => {
    if (failed !== undefined) return;
    failed = error;
    onFailure(error);
  };
  stream.on('error', fail);
  return {
    write(text) {
      if (failed !== undefined) return;
      try {
        stream.write(text);
      } catch (error) {
        fail(error as NodeJS.ErrnoException);
      }
    },
    failure: () => failed,
    dispose() {
      // A stream that failed keeps a listener: a late error event must not become an uncaught one.
      if (failed === undefined) stream.off('error', fail);
    },
  };
}

/** True when an output failure only means the reader went away: the run ends quietly, as Unix tools do. */
export function isClosedPipe(error: NodeJS.ErrnoException | undefined): boolean {
  return error?.code === 'EPIPE' || error?.code === 'ERR_STREAM_DESTROYED';
}
