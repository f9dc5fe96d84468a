import type { CaptureReport, CaptureSignature, CaptureStatus } from './validate-capture.js';

const SIGNATURES: Readonly<Record<CaptureSignature, string>> = {
  valid: 'valid (HMAC-SHA256 of the exact bytes)',
  invalid: 'INVALID: not the HMAC-SHA256 of these bytes with the secret given',
  missing: 'MISSING: no x-webhook-signature header',
  malformed: 'MALFORMED: x-webhook-signature is not 64 lowercase hex characters',
  unchecked: 'not checked',
  unsigned: 'none (automation dialect: systeme.io never signs it)',
};

const STATUS_WORDS: Readonly<Record<CaptureStatus, string>> = {
  match: 'match',
  drift: 'drift',
  unidentified: 'unidentified',
  unchecked: 'not checked',
  'bad-signature': 'bad signature',
};

/** The exit code of `validate`: 0 when every delivery matches, 1 otherwise. */
export function validateExitCode(reports: readonly CaptureReport[]): 0 | 1 {
  return reports.every((report) => report.status === 'match') ? 0 : 1;
}

/** One summary line: `3 deliveries: 2 match, 1 drift.` */
export function formatValidateSummary(reports: readonly CaptureReport[]): string {
  const counts = new Map<CaptureStatus, number>();
  for (const report of reports) counts.set(report.status, (counts.get(report.status) ?? 0) + 1);
  const parts = [`${counts.get('match') ?? 0} match`, `${counts.get('drift') ?? 0} drift`];
  for (const status of ['bad-signature', 'unidentified', 'unchecked'] as const) {
    if (counts.has(status)) parts.push(`${counts.get(status)!} ${STATUS_WORDS[status]}`);
  }
  return `${reports.length} ${reports.length === 1 ? 'delivery' : 'deliveries'}: ${parts.join(', ')}.`;
}

/**
 * The text `validate` prints for people: per delivery its trigger and how it was told, the schema
 * verdict, the signature, then one line per difference (`drift` or `info`) and per note.
 * @example process.stdout.write(formatValidateReport(reports))
 */
export function formatValidateReport(reports: readonly CaptureReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    lines.push(report.source);
    const trigger =
      report.trigger === null ? 'unknown' : `${report.trigger} (${report.dialect ?? 'unknown dialect'}, ${report.identifiedBy})`;
    lines.push(`  trigger    ${report.trigger === null ? report.identifiedBy : trigger}`);
    lines.push(`  schema     ${report.verdict}`);
    const unexplained = report.signature === 'unchecked' && !report.notes.some((note) => note.startsWith('signature not checked'));
    lines.push(`  signature  ${SIGNATURES[report.signature]}${unexplained ? ' (pass --secret-file to check it)' : ''}`);
    for (const difference of report.differences)
      lines.push(`  ${difference.drift ? 'drift' : 'info '}  ${difference.path}: ${difference.message}`);
    for (const note of report.notes) lines.push(`  note   ${note}`);
  }
  lines.push(formatValidateSummary(reports));
  return lines.join('\n') + '\n';
}
