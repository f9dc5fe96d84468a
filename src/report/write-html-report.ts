import { accessSync, constants, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SystemeMockError } from '../errors.js';
import type { FireReport } from '../load/index.js';
import { buildArtilleryReportModel, buildFireReportModel } from './build-report-model.js';
import type { ArtilleryOutput } from './read-report-file.js';
import { renderHtmlReport } from './render-html-report.js';

/**
 * Fails before a run when an output's folder is missing or read-only, so a long run never ends unwritten.
 * @example checkOutputFolder('out/report.html', '--html');
 */
export function checkOutputFolder(file: string, option: string): void {
  try {
    accessSync(dirname(resolve(file)), constants.W_OK);
  } catch (error) {
    throw new SystemeMockError(
      `Failed to prepare ${option} ${file}: its folder is missing or not writable. Pass a path in a writable folder.`,
      { code: 'BAD_OUTPUT', exitCode: 2, cause: error },
    );
  }
}

/** Writes a file completely or not at all: a temporary sibling, then a rename. */
function writeAtomically(file: string, text: string, option: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new SystemeMockError(`Failed to write ${option} ${file}: ${reason}. Pass a path in a writable folder.`, {
      code: 'BAD_OUTPUT',
      exitCode: 2,
      cause: error,
    });
  }
}

/**
 * Writes the self-contained HTML report of a fire report (merged or not) or of Artillery's output.
 * @example writeHtmlReport('report.html', { kind: 'fire', report });
 */
export function writeHtmlReport(
  file: string,
  input: { kind: 'fire'; report: FireReport } | { kind: 'artillery'; output: ArtilleryOutput },
): void {
  const model = input.kind === 'fire' ? buildFireReportModel(input.report) : buildArtilleryReportModel(input.output);
  writeAtomically(file, renderHtmlReport(model), '--html');
}

/**
 * Writes a JSON report (pretty, newline-terminated) completely or not at all.
 * @example writeJsonReport('merged.json', merged);
 */
export function writeJsonReport(file: string, report: unknown, option = '--out'): void {
  writeAtomically(file, `${JSON.stringify(report, null, 2)}\n`, option);
}
