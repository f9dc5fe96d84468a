/**
 * Every error systeme-mock throws on purpose is a SystemeMockError: one line that says what failed and
 * what to do, a stable `code`, the process exit code the CLI uses, and the underlying `cause`.
 */
/**
 * Every `code` a SystemeMockError carries: stable, for programs that branch on what failed.
 * @example if (error instanceof SystemeMockError && error.code === 'UNKNOWN_TRIGGER') listTriggers()
 */
export type ErrorCode =
  | 'BAD_COUNT'
  | 'BAD_DURATION'
  | 'BAD_FAULT'
  | 'BAD_FIXTURES'
  | 'BAD_INDEX'
  | 'BAD_INPUT'
  | 'BAD_MIX'
  | 'BAD_NOW'
  | 'BAD_NUMBER'
  | 'BAD_OPTION'
  | 'BAD_OPTIONS'
  | 'BAD_OUTPUT'
  | 'BAD_RATE'
  | 'BAD_SECRET'
  | 'BAD_SEED'
  | 'BAD_SPEED'
  | 'BAD_THRESHOLD'
  | 'BAD_TIME'
  | 'BAD_TRIGGER'
  | 'BAD_URL'
  | 'CAPTURE'
  | 'DELIVERY'
  | 'EMPTY_SECRET'
  | 'EXISTS'
  | 'JOURNEY'
  | 'LISTEN'
  | 'LOG'
  | 'LOG_WRITE'
  | 'MSW_EMIT'
  | 'MSW_OPTIONS'
  | 'MSW_PLAY'
  | 'MSW_RULE'
  | 'MSW_WEBHOOK'
  | 'NO_CAPTURE'
  | 'NO_SECRET'
  | 'NO_TRIGGER'
  | 'OUT'
  | 'OVERRIDE'
  | 'REPORT_WRITE'
  | 'STORE'
  | 'TEMPLATE'
  | 'TEMPLATES_DIR'
  | 'UNKNOWN_ARGUMENT'
  | 'UNKNOWN_OPTION'
  | 'UNKNOWN_TRIGGER'
  | 'USAGE'
  | 'WORKER'
  | 'WRITE';

export interface SystemeMockErrorOptions {
  code: ErrorCode;
  exitCode?: number;
  cause?: unknown;
}

/**
 * The base of every error systeme-mock throws on purpose.
 * @example try { generate('NOPE') } catch (error) { if (error instanceof SystemeMockError) console.error(error.code, error.message) }
 */
export class SystemeMockError extends Error {
  override name = 'SystemeMockError';
  /** A stable machine-readable code, e.g. `UNKNOWN_TRIGGER`. */
  readonly code: ErrorCode;
  /** The exit code the CLI ends with when this error reaches it. */
  readonly exitCode: number;

  constructor(message: string, options: SystemeMockErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** A bad command line or option: exit code 2. */
export class UsageError extends SystemeMockError {
  override name = 'UsageError';

  constructor(message: string, code: ErrorCode = 'USAGE', cause?: unknown) {
    super(message, { code, exitCode: 2, cause });
  }
}

/** A trigger id that is in neither the built-in catalog nor the user's templates. */
export class UnknownTriggerError extends UsageError {
  override name = 'UnknownTriggerError';
  readonly trigger: string;
  readonly suggestions: readonly string[];

  constructor(trigger: string, suggestions: readonly string[]) {
    const hint =
      suggestions.length > 0
        ? `Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?`
        : 'Run "systeme-mock list" to see every trigger.';
    super(`Failed to find trigger "${trigger}": it is not in the catalog. ${hint}`, 'UNKNOWN_TRIGGER');
    this.trigger = trigger;
    this.suggestions = suggestions;
  }
}

/** A template file that cannot be read or does not follow the template format. */
export class TemplateError extends SystemeMockError {
  override name = 'TemplateError';
  readonly file: string;
  readonly jsonPath: string;

  constructor(file: string, jsonPath: string, reason: string, cause?: unknown) {
    super(`Failed to load template ${file} at ${jsonPath}: ${reason}`, {
      code: 'TEMPLATE',
      exitCode: 2,
      cause,
    });
    this.file = file;
    this.jsonPath = jsonPath;
  }
}

/** An override (`--set path=value` or a deep partial) that does not fit the payload. */
export class OverrideError extends UsageError {
  override name = 'OverrideError';
  readonly path: string;

  constructor(path: string, message: string) {
    super(message, 'OVERRIDE');
    this.path = path;
  }
}

/** A delivery that finally failed, or a receiver that could not be reached. */
export class DeliveryError extends SystemeMockError {
  override name = 'DeliveryError';
  readonly url: string;

  constructor(url: string, message: string, cause?: unknown) {
    super(message, { code: 'DELIVERY', exitCode: 1, cause });
    this.url = url;
  }
}

/** A journey file that cannot be read or does not follow the journey format: names the file and the step. */
export class JourneyError extends UsageError {
  override name = 'JourneyError';
  readonly file: string;
  readonly step: string;

  constructor(file: string, step: string, reason: string, cause?: unknown) {
    super(`Failed to load journey ${file} at ${step}: ${reason}`, 'JOURNEY', cause);
    this.file = file;
    this.step = step;
  }
}
