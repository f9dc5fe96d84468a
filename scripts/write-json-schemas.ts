/**
 * `npm run schemas`: writes schemas/ from the catalog's documented schemas (src/catalog/to-json-schema.ts).
 * The files are checked in and published; test/schemas/json-schemas.test.ts fails when they differ from
 * what this script writes, so run it after changing a documented schema.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildJsonSchemas } from '../src/catalog/to-json-schema.js';

const root = fileURLToPath(new URL('../schemas/', import.meta.url));
const files = buildJsonSchemas();
const wanted = new Set(files.map((f) => f.file));
mkdirSync(root, { recursive: true });
for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
  const path = join(root, name);
  if (name.endsWith('.json') && !wanted.has(name.split('\\').join('/'))) rmSync(path);
}
for (const { file, schema } of files) {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(schema, null, 2) + '\n');
}
process.stdout.write(`Wrote ${files.length} JSON Schemas to ${relative(process.cwd(), root) || '.'}/\n`);
