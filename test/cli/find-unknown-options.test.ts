import { describe, expect, it } from 'vitest';
import { exitCodeFor, exitCodeForSignal } from '../../src/cli/exit-codes.js';
import { findUnknownOptions } from '../../src/cli/find-unknown-options.js';
import { DeliveryError, SystemeMockError, TemplateError, UnknownTriggerError, UsageError } from '../../src/errors.js';

const known = ['to', 'retries', 'retry-delay', 'retryDelay', 'count', 'n', 'source-ip', 'sourceIp', 'help', 'h', 'version'];

describe('findUnknownOptions', () => {
  it('finds mistyped options and suggests the closest long ones', () => {
    expect(findUnknownOptions(['send', 'SALE_NEW', '--retires', '0'], known)).toEqual([{ flag: '--retires', suggestions: ['--retries'] }]);
    expect(findUnknownOptions(['send', '--retry-dleay=5'], known)).toEqual([{ flag: '--retry-dleay', suggestions: ['--retry-delay'] }]);
  });

  it('knows aliases, camelCase forms, --no- negations, short groups, negative numbers and what follows --', () => {
    expect(
      findUnknownOptions(['send', '-n', '3', '--retryDelay', '5', '--no-source-ip', '-nh', '--count', '-1', '--', '--whatever'], known),
    ).toEqual([]);
  });

  it('gives no suggestion when nothing is close', () => {
    expect(findUnknownOptions(['send', '--zzzzzz', '-q'], known)).toEqual([
      { flag: '--zzzzzz', suggestions: [] },
      { flag: '-q', suggestions: [] },
    ]);
  });
});

describe('exit codes are mapped in the CLI', () => {
  it('maps usage errors to 2 and run failures to 1', () => {
    expect(exitCodeFor(new UsageError('x'))).toBe(2);
    expect(exitCodeFor(new UnknownTriggerError('SALE_NEWW', ['SALE_NEW']))).toBe(2);
    expect(exitCodeFor(new TemplateError('t.json', '$', 'bad'))).toBe(2);
    expect(exitCodeFor(new SystemeMockError('x', { code: 'LOG' }))).toBe(2);
    expect(exitCodeFor(new DeliveryError('http://x/', 'x'))).toBe(1);
    expect(exitCodeFor(new SystemeMockError('x', { code: 'LOG_WRITE' }))).toBe(1);
    expect(exitCodeFor(new Error('x'))).toBe(1);
  });

  it('ends a signalled run with 128 + the signal, as a shell reports it', () => {
    expect([exitCodeForSignal('SIGINT'), exitCodeForSignal('SIGTERM'), exitCodeForSignal('SIGHUP')]).toEqual([130, 143, 129]);
  });
});
