// The import floors of DESIGN.md, checked by `npm run check:imports` (part of `npm test`).
// Lower floors never import higher ones; the rooms of floor 5 do not import each other; no cycles.
//
//   floor 7  cli/
//   floor 6  artillery/  report/       (compose floor-5 rooms: the Artillery processor, reports of fire runs)
//   floor 5  delivery/  receiver/  load/  msw/
//   floor 4  generate/  journey/  capture/
//   floor 3  world/  render/
//   floor 2  catalog/
//   floor 1  wire/  encode/  signature/  errors.ts
//
// The entries (src/index.ts, and each room's index.ts) only re-export; nothing inside src imports the
// root entry.
/** @type {string[]} the rooms of each floor, lowest first */
const FLOORS = [
  ['wire', 'encode', 'signature', 'errors.ts'],
  ['catalog'],
  ['world', 'render'],
  ['generate', 'journey', 'capture'],
  ['delivery', 'receiver', 'load', 'msw'],
  ['artillery', 'report'],
  ['cli'],
];

/** A path pattern for the rooms of the given floors (a room is a folder, or a file such as errors.ts). */
const rooms = (floors) =>
  `^src/(${floors
    .flat()
    .map((room) => room.replace('.', '\\.'))
    .join('|')})(/|$)`;

const upward = FLOORS.slice(0, -1).map((floor, k) => ({
  name: `floor-${k + 1}-imports-upward`,
  comment: `Floor ${k + 1} (${floor.join(', ')}) may import only floors 1-${k + 1} (DESIGN.md, "Which room may use which").`,
  severity: 'error',
  from: { path: rooms([floor]) },
  to: { path: [rooms(FLOORS.slice(k + 1)), '^src/index\\.ts$'] },
}));

const floor5 = FLOORS[4].join('|');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle ties modules into one: none may be loaded, tested or moved alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...upward,
    {
      name: 'floor-5-imports-sideways',
      comment: 'delivery, receiver, load, msw (and later rooms of floor 5) share only through lower floors.',
      severity: 'error',
      from: { path: `^src/(${floor5})/` },
      to: { path: `^src/(${floor5})/`, pathNot: '^src/$1/' },
    },
    {
      name: 'cli-imports-root-entry',
      comment: 'The CLI imports the modules it uses, not the public barrel.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/index\\.ts$' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing fails at run time.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type import upward still ties the floors together.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve packages through their `exports` maps, as Node does (got, faker's locales).
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
