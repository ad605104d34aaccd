/**
 * The order of folders inside the core, lowest first (docs/ARCHITECTURE.md, "Order of folders inside
 * the core"). A folder, or a file at the core's top level, imports only what sits in an earlier
 * group: never its own group's other members, never a later group. Every folder and top-level file
 * of electron/core has a place here (test/unit/core-order.test.ts).
 */
export const CORE_ORDER = [
  ['resources', 'server-secret', 'staged-files', 'oauth-loopback', 'jobs'],
  ['settings'],
  ['context'],
  ['handler-types'],
  ['dispatch'],
  ['ledger'],
  ['import'],
  ['sync', 'team'],
  ['sample'],
  ['activity'],
  ['customers'],
  ['charges'],
  ['mail'],
  ['sms'],
  ['risk'],
  ['forecast'],
  ['analytics'],
  ['notifications'],
  ['inbox'],
  ['ladder'],
  ['worklist'],
  ['outbox'],
  ['documents'],
  ['replay'],
  ['backups', 'app', 'shell', 'security'],
  ['orchestration'],
  ['index'],
];

/** Top-level files of the core (the rest are folders). */
const FILES = new Set(['resources', 'server-secret', 'staged-files', 'oauth-loopback', 'settings', 'context', 'handler-types', 'dispatch', 'index']);
/** How deep a folder's files may sit (inbox/classify/…); one more level than any has today. */
const MAX_DEPTH = 3;

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One ESLint block per folder and depth. It uses typescript-eslint's copy of no-restricted-imports so
 * it adds to the layer rules' no-restricted-imports instead of replacing them (a later block's options
 * for the same rule replace an earlier one's).
 */
export function coreOrderBlocks() {
  const blocks = [];
  CORE_ORDER.forEach((group, rank) => {
    const above = CORE_ORDER.slice(rank).flat();
    for (const name of group) {
      const banned = above
        .filter((other) => other !== name)
        .map(escape)
        .join('|');
      const message = `${name} imports only what sits below it in the order of core folders (docs/ARCHITECTURE.md): move the shared piece down, or inject it.`;
      const rule = (up) => ['error', { patterns: [{ regex: `^(?:${up}(?:${banned})|(?:\\.\\./)+core/(?:${banned}))(?:/|$)`, message }] }];
      if (FILES.has(name)) {
        blocks.push({ files: [`electron/core/${name}.ts`], rules: { '@typescript-eslint/no-restricted-imports': rule('\\./') } });
        continue;
      }
      for (let depth = 1; depth <= MAX_DEPTH; depth += 1) {
        blocks.push({
          files: [`electron/core/${name}/${'*/'.repeat(depth - 1)}*.ts`],
          rules: { '@typescript-eslint/no-restricted-imports': rule('(?:\\.\\./)'.repeat(depth)) },
        });
      }
    }
  });
  return blocks;
}
