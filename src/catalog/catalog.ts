import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TemplateError, UnknownTriggerError, UsageError } from '../errors.js';
import { compileBody, type CompiledBody } from './compile-template.js';
import { BUILT_IN_TRIGGERS, type Dialect, type TriggerDefinition, type TriggerEffects } from './triggers.js';

/** A trigger with its template compiled, ready to render. */
export interface LoadedTrigger {
  readonly definition: TriggerDefinition;
  readonly file: string;
  readonly body: CompiledBody;
}

export interface CatalogOptions {
  /** A folder of templates that add triggers or replace built-in ones. */
  templatesDir?: string | undefined;
}

/** The templates shipped with the package (two levels up from both src/catalog and dist/catalog). */
export const BUILT_IN_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

interface Entry {
  definition: TriggerDefinition;
  file: string;
  body: unknown;
  loaded?: LoadedTrigger;
}

export class Catalog {
  private readonly entries: Map<string, Entry>;

  constructor(entries: Map<string, Entry>) {
    this.entries = entries;
  }

  /** Every trigger: the built-in ones in catalog order, then the user's own. */
  list(): TriggerDefinition[] {
    return [...this.entries.values()].map((entry) => entry.definition);
  }

  /** The trigger with its compiled template; an unknown id throws with the closest ids. */
  get(id: string): LoadedTrigger {
    const entry = this.entries.get(id);
    if (entry === undefined) throw new UnknownTriggerError(id, suggestTriggers(id, [...this.entries.keys()]));
    entry.loaded ??= { definition: entry.definition, file: entry.file, body: compileBody(entry.body, entry.file) };
    return entry.loaded;
  }
}

const catalogs = new Map<string, Catalog>();

/**
 * Loads the catalog (built-in templates plus `templatesDir`), cached per folder.
 * @example loadCatalog({ templatesDir: './my-templates' }).list().map((t) => t.id)
 */
export function loadCatalog(options: CatalogOptions = {}): Catalog {
  const key = options.templatesDir === undefined ? '' : resolve(options.templatesDir);
  let catalog = catalogs.get(key);
  if (catalog === undefined) {
    catalog = buildCatalog(key === '' ? undefined : key);
    catalogs.set(key, catalog);
  }
  return catalog;
}

/**
 * The definition of one trigger; throws `UnknownTriggerError` with suggestions.
 * @example getTrigger('SALE_NEW').schemaVersion // 2
 */
export function getTrigger(id: string, options: CatalogOptions = {}): TriggerDefinition {
  return loadCatalog(options).get(id).definition;
}

/**
 * Every trigger, in catalog order.
 * @example listTriggers().filter((t) => t.dialect === 'webhooks').map((t) => t.id)
 */
export function listTriggers(options: CatalogOptions = {}): TriggerDefinition[] {
  return loadCatalog(options).list();
}

function buildCatalog(templatesDir: string | undefined): Catalog {
  const entries = new Map<string, Entry>();
  for (const definition of BUILT_IN_TRIGGERS) {
    const file = join(BUILT_IN_TEMPLATES_DIR, definition.template);
    const template = readTemplateFile(file);
    if (template.trigger !== definition.id) {
      throw new TemplateError(file, '$.trigger', `names "${String(template.trigger)}" but the catalog expects "${definition.id}".`);
    }
    entries.set(definition.id, { definition, file, body: template.body });
  }
  if (templatesDir !== undefined) {
    for (const file of listJsonFiles(templatesDir)) {
      const template = readTemplateFile(file);
      const definition = userDefinition(template.trigger, template.effects, file, templatesDir, entries);
      entries.set(definition.id, { definition, file, body: template.body });
    }
  }
  return new Catalog(entries);
}

function listJsonFiles(dir: string): string[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
    throw new UsageError(`Failed to read --templates ${dir}: ${reason}. Pass a folder of template .json files.`, 'TEMPLATES_DIR', error);
  }
  // Journeys sit beside templates in `journeys/` (see src/journey/load-journey.ts): they are not templates.
  return names
    .filter((name) => name.endsWith('.json') && !/^journeys[\\/]/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

function readTemplateFile(file: string): { trigger: unknown; body: unknown; effects: unknown } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TemplateError(file, '$', `the file cannot be read (${error instanceof Error ? error.message : String(error)}).`, error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TemplateError(file, '$', `invalid JSON (${error instanceof Error ? error.message : String(error)}). Fix the syntax.`, error);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TemplateError(file, '$', 'a template is an object {"trigger": ..., "body": ...}.');
  }
  const template = parsed as Record<string, unknown>;
  if (!('trigger' in template)) throw new TemplateError(file, '$.trigger', 'missing. Name the trigger id, or describe a new trigger.');
  if (!('body' in template)) throw new TemplateError(file, '$.body', 'missing. Put the payload shape under "body".');
  return { trigger: template['trigger'], body: template['body'], effects: template['effects'] };
}

const EFFECT_VALUES: Readonly<Record<string, readonly unknown[]>> = {
  tag: ['add', 'remove'],
  registersContact: [true, false],
  sale: ['new', 'cancel'],
};

/** A template's `"effects"`: what its trigger does to the world, checked key by key. */
function readEffects(effects: unknown, file: string): TriggerEffects {
  if (effects === null || typeof effects !== 'object' || Array.isArray(effects)) {
    throw new TemplateError(file, '$.effects', 'must be an object, e.g. {"tag": "add"} or {"registersContact": true} or {"sale": "new"}.');
  }
  for (const [key, value] of Object.entries(effects)) {
    const allowed = EFFECT_VALUES[key];
    if (allowed === undefined)
      throw new TemplateError(file, `$.effects.${key}`, `is not an effect. Use ${Object.keys(EFFECT_VALUES).join(', ')}.`);
    if (!allowed.includes(value)) {
      throw new TemplateError(
        file,
        `$.effects.${key}`,
        `must be ${allowed.map((v) => JSON.stringify(v)).join(' or ')}, got ${JSON.stringify(value)}.`,
      );
    }
  }
  return effects as TriggerEffects;
}

function userDefinition(trigger: unknown, rawEffects: unknown, file: string, dir: string, entries: Map<string, Entry>): TriggerDefinition {
  const template = relative(dir, file);
  const effects = rawEffects === undefined ? undefined : readEffects(rawEffects, file);
  if (typeof trigger === 'string') {
    const existing = entries.get(trigger);
    if (existing === undefined) {
      throw new TemplateError(
        file,
        '$.trigger',
        `"${trigger}" is not a built-in trigger. To add one, describe it: {"id", "dialect", "wireName"}.`,
      );
    }
    // A replacement template keeps the built-in's effects unless it declares its own.
    return { ...existing.definition, template, effects: effects ?? existing.definition.effects };
  }
  if (trigger === null || typeof trigger !== 'object' || Array.isArray(trigger)) {
    throw new TemplateError(file, '$.trigger', 'must be a trigger id or an object {"id", "dialect", "wireName"}.');
  }
  const t = trigger as Record<string, unknown>;
  const text = (key: string): string => {
    const value = t[key];
    if (typeof value !== 'string' || value.length === 0) throw new TemplateError(file, `$.trigger.${key}`, 'must be a non-empty string.');
    return value;
  };
  const id = text('id');
  const dialect = text('dialect');
  if (dialect !== 'automation' && dialect !== 'webhooks') {
    throw new TemplateError(file, '$.trigger.dialect', `"${dialect}" is not a dialect. Use "automation" or "webhooks".`);
  }
  const schemaVersion = t['schemaVersion'] ?? (dialect === 'webhooks' ? 1 : null);
  if (schemaVersion !== null && (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion))) {
    throw new TemplateError(file, '$.trigger.schemaVersion', 'must be an integer or null.');
  }
  const variant = t['variant'] ?? null;
  if (variant !== null && typeof variant !== 'string') throw new TemplateError(file, '$.trigger.variant', 'must be a string or null.');
  const description = t['description'] ?? 'A custom trigger.';
  if (typeof description !== 'string') throw new TemplateError(file, '$.trigger.description', 'must be a string.');
  return {
    id,
    dialect: dialect as Dialect,
    wireName: text('wireName'),
    variant,
    schemaVersion,
    description,
    template,
    effects: effects ?? {},
  };
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The ids closest to a mistyped one: same prefix first (a wire name without its variant), then by edits. */
export function suggestTriggers(input: string, ids: readonly string[]): string[] {
  const needle = input.toLowerCase();
  const prefixed = ids.filter((id) => id.toLowerCase().startsWith(needle + ':'));
  if (prefixed.length > 0) return prefixed;
  const limit = Math.max(2, Math.floor(needle.length / 3));
  return ids
    .map((id) => ({ id, distance: editDistance(needle, id.toLowerCase()) }))
    .filter((candidate) => candidate.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id))
    .slice(0, 3)
    .map((candidate) => candidate.id);
}
