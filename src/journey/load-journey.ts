import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BUILT_IN_TEMPLATES_DIR, loadCatalog, suggestTriggers } from '../catalog/catalog.js';
import { JourneyError } from '../errors.js';
import { defineJourney, type JourneyDefinition } from './define-journey.js';

export interface JourneyOptions {
  /** The user's templates folder: its `journeys/` subfolder adds journeys or replaces built-in ones. */
  templatesDir?: string | undefined;
}

const BUILT_IN_JOURNEYS_DIR = join(BUILT_IN_TEMPLATES_DIR, 'journeys');

function journeyFiles(options: JourneyOptions): Map<string, string> {
  const files = new Map<string, string>();
  const dirs = [BUILT_IN_JOURNEYS_DIR];
  if (options.templatesDir !== undefined) dirs.push(join(options.templatesDir, 'journeys'));
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) if (name.endsWith('.json')) files.set(basename(name, '.json'), join(dir, name));
  }
  return files;
}

/**
 * The names of every journey: the built-in ones and the user's.
 * @example listJourneys() // ['lead-to-buyer', 'newsletter-reader', 'refund', 'subscription-churn', 'webinar-attendee']
 */
export function listJourneys(options: JourneyOptions = {}): string[] {
  return [...journeyFiles(options).keys()];
}

/**
 * Loads a journey by name (built-in, or from `<templatesDir>/journeys/`) or from a `.json` path.
 * @example loadJourney('refund').steps.map((step) => step.trigger?.id) // ['SALE_NEW', 'SALE_CANCELED']
 */
export function loadJourney(nameOrFile: string, options: JourneyOptions = {}): JourneyDefinition {
  const files = journeyFiles(options);
  const file = nameOrFile.endsWith('.json') ? nameOrFile : files.get(nameOrFile);
  if (file === undefined) {
    const names = [...files.keys()];
    const suggestions = suggestTriggers(nameOrFile, names);
    const hint =
      suggestions.length > 0 ? `Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : `Use one of: ${names.join(', ')}.`;
    throw new JourneyError(nameOrFile, '$', `there is no journey of that name. ${hint}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
    throw new JourneyError(file, '$', `the file cannot be read as JSON (${reason}). Fix the file or the path.`, error);
  }
  return defineJourney(parsed, file, loadCatalog({ templatesDir: options.templatesDir }));
}
