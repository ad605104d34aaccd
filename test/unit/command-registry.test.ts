import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, HELP_SECTIONS, SCREENS } from '../../shared/commands';
import { helpGroups, keyCaps } from '../../renderer/src/app/key-caps';

const RENDERER = join(import.meta.dirname, '../../renderer/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
}

describe('the command registry', () => {
  it('lists every registered key in the help panel, under each of its scopes', () => {
    const groups = helpGroups();
    for (const command of COMMANDS.filter((c) => c.keys.length > 0)) {
      for (const scope of command.scopes) {
        const title = HELP_SECTIONS.find((section) => section.scope === scope)?.title;
        const entry = groups.find((group) => group.title === title)?.entries.find((e) => e.id === command.id);
        expect(entry, `${command.id} in the "${title}" section`).toBeDefined();
        for (const key of command.keys) expect(entry!.keys.join(' ')).toContain(keyCaps(key).join(' '));
      }
    }
  });

  it('gives no two commands of one screen or panel the same key, and none a key the shell takes', () => {
    const owner = new Map<string, string>();
    for (const command of COMMANDS) {
      for (const scope of command.scopes) {
        for (const key of command.keys) {
          const slot = `${scope}|${key}`;
          expect(owner.get(slot), `${command.id} and ${owner.get(slot)} both take ${key} in ${scope}`).toBeUndefined();
          owner.set(slot, command.id);
        }
      }
    }
    const shellKeys = COMMANDS.filter((c) => (c.scopes as readonly string[]).includes('anywhere')).flatMap((c) => c.keys.map((key) => key.split(' ')[0]!));
    const screenKeys = COMMANDS.filter((c) => !(c.scopes as readonly string[]).includes('anywhere')).flatMap((c) => c.keys.map((key) => `${c.id} ${key}`));
    for (const taken of screenKeys) expect(shellKeys, taken).not.toContain(taken.split(' ')[1]);
  });

  it('binds every command that is not its element’s own, and binds nothing unregistered', () => {
    const text = sources(RENDERER).join('\n');
    const bound = new Set([...text.matchAll(/useCommand\('([^']+)'/g)].map((match) => match[1]!));
    const shellKeys = new Set(['app.palette', 'app.close']);
    const expected = COMMANDS.filter((c) => !('element' in c && c.element) && !shellKeys.has(c.id)).map((c) => c.id);
    expect(expected.filter((id) => !bound.has(id))).toEqual([]);
    expect([...bound].filter((id) => !COMMANDS.some((c) => c.id === id))).toEqual([]);
  });

  it('reaches every screen with g and its own key', () => {
    expect(new Set(SCREENS.map((s) => s.key)).size).toBe(SCREENS.length);
    expect(keyCaps('g w')).toEqual(['g', 'w']);
    expect(keyCaps('S')).toEqual(['Shift', 'S']);
  });
});
