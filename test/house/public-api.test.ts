import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The public surface is a deliberate list: every runtime export of every entry is a semver promise,
// so adding or removing one must change this file. Engine internals (transport, pacer, statistics,
// report formatting) are reachable from no entry.
const ROOT = new URL('../../', import.meta.url);
const ENTRIES: Record<string, { source: string; names: string[] }> = {
  '.': {
    source: 'src/index.ts',
    names: [
      'BUILT_IN_TRIGGERS',
      'DeliveryError',
      'JourneyError',
      'OverrideError',
      'SYSTEME_IO_SOURCE_IPS',
      'SystemeMockError',
      'TemplateError',
      'UnknownTriggerError',
      'UsageError',
      'buildJsonSchema',
      'checkPayload',
      'compareShape',
      'createGenerator',
      'createInbox',
      'createJourneyGenerator',
      'createPayloadSigner',
      'customTrigger',
      'deliverEvent',
      'encodePhpJson',
      'fireLoad',
      'formatAtomDate',
      'generate',
      'generateEvents',
      'generateJourneys',
      'getTrigger',
      'growTemplate',
      'identifyTrigger',
      'inspectDelivery',
      'listJourneys',
      'listTriggers',
      'loadCatalog',
      'loadJourney',
      'mergeFireReports',
      'normalizeSendOptions',
      'readCaptures',
      'readReportFile',
      'sendEvents',
      'signPayload',
      'validateCapture',
      'validatePayload',
      'verifySignature',
      'writeFixtures',
      'writeHtmlReport',
    ],
  },
  './signature': { source: 'src/signature/index.ts', names: ['createPayloadSigner', 'signPayload', 'verifySignature'] },
  './artillery': { source: 'src/artillery/index.ts', names: ['STREAM_COUNT', 'STREAM_LOCAL_BITS', 'createArtilleryProcessor'] },
  './msw': {
    source: 'src/msw/index.ts',
    names: [
      'DEFAULT_RATE_LIMIT',
      'PAGINATION_LIMITS',
      'VIOLATION_CODES',
      'createReceiverHandler',
      'createSystemeApi',
      'createWebhookRequest',
    ],
  },
};

describe('the public API', () => {
  it('has exactly these entries in package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { exports: Record<string, unknown> };
    // Besides the code entries: package.json, and the published JSON Schemas (data files, one per trigger).
    expect(Object.keys(pkg.exports).sort()).toEqual([...Object.keys(ENTRIES), './package.json', './schemas/*'].sort());
  });

  for (const [entry, { source, names }] of Object.entries(ENTRIES)) {
    it(`exports exactly the pinned runtime names from "${entry}"`, async () => {
      const module = (await import(new URL(source, ROOT).href)) as Record<string, unknown>;
      expect(Object.keys(module).sort()).toEqual(names);
    });
  }

  it('documents every runtime export of the root entry (the .d.ts carries it): a JSDoc line, and an @example on functions', () => {
    const runtime = new Set(ENTRIES['.']!.names);
    const file = new URL('src/index.ts', ROOT).pathname;
    const program = ts.createProgram([file], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
    });
    const checker = program.getTypeChecker();
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
    const undocumented: string[] = [];
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      if (!runtime.has(exported.name)) continue;
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
      const isFunction = (symbol.flags & ts.SymbolFlags.Function) !== 0;
      const tags = symbol.getJsDocTags(checker).map((tag) => tag.name);
      if (doc === '') undocumented.push(`${exported.name}: no JSDoc`);
      else if (isFunction && !tags.includes('example')) undocumented.push(`${exported.name}: no @example`);
    }
    expect(undocumented).toEqual([]);
    expect(checker.getExportsOfModule(moduleSymbol).filter((e) => runtime.has(e.name))).toHaveLength(runtime.size);
  });
});
