import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * electron-builder.yml, checked without packaging (that downloads Electron): against electron-builder's
 * own schema (its validateConfiguration, the check a real build runs first) and against our rules.
 */
const root = join(import.meta.dirname, '..', '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a parsed YAML document, read field by field

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", async () => {
    // Our own narrow view of it: only the schema check is used, and it reads only isEnabled from the logger.
    const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as unknown as {
      validateConfiguration: (config: unknown, logger: { isEnabled: boolean; add(): void }) => Promise<void>;
    };
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, nsis: { ...config.nsis, perMachin: false } }, { isEnabled: false, add: () => undefined }),
    ).rejects.toThrow();
  });

  it('names the app and builds NSIS per-user, dmg + zip with a hardened, notarized runtime, AppImage + deb', () => {
    expect(config).toMatchObject({ appId: 'com.inflow.desktop', productName: 'Inflow' });
    expect(config.win.target).toBe('nsis');
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false });
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it("flips Electron's fuses: no run-as-Node, NODE_OPTIONS, --inspect or file:// privileges; asar only and checked; cookies encrypted", () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
    // Integrity checking needs the archive: the app must not be packaged unpacked.
    expect(config.asar).not.toBe(false);
  });

  it('signs every Windows and macOS build (an unsigned one fails), and Windows updates only from the same publisher', () => {
    expect(config.win).toMatchObject({ forceCodeSigning: true, verifyUpdateCodeSignature: true, signtoolOptions: { publisherName: expect.any(String) } });
    expect(config.win.signtoolOptions.publisherName.length).toBeGreaterThan(0);
    expect(config.mac).toMatchObject({ forceCodeSigning: true, hardenedRuntime: true });
    // The hardened runtime keeps only what V8 needs.
    expect(readFileSync(join(root, config.mac.entitlements), 'utf8')).not.toMatch(
      /disable-library-validation|allow-dyld-environment-variables|allow-unsigned-executable-memory/,
    );
  });

  it('keeps notarization secrets out of the file', () => {
    const text = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/appleId\s*:|password\s*:|teamId\s*:|APPLE_\w+\s*:/i);
  });

  it('unpacks the native SQLite driver from asar, and does not rebuild its Node-API binary', () => {
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3-multiple-ciphers/**');
    expect(config.npmRebuild).toBe(false);
    const driver = JSON.parse(readFileSync(join(root, 'node_modules/better-sqlite3-multiple-ciphers/package.json'), 'utf8')) as { gypfile?: boolean };
    expect(driver.gypfile).toBe(false);
    for (const target of ['darwin-arm64', 'darwin-x64', 'win32-x64', 'linux-x64']) {
      expect(existsSync(join(root, `node_modules/better-sqlite3-multiple-ciphers/prebuilds/${target}.node`))).toBe(true);
    }
  });

  it('fixes the update feed at build time, over https; the app never sets one at run time', () => {
    expect(config.publish).toMatchObject({ provider: 'generic', url: expect.stringMatching(/^https:\/\//) });
    const updater = readFileSync(join(root, 'electron/main/updater/auto-update.ts'), 'utf8');
    expect(updater).not.toMatch(/\.setFeedURL\(|forceDevUpdateConfig|updateConfigPath/);
  });

  it('points at icons and entitlements that exist', () => {
    const paths = [
      config.icon,
      config.linux.icon,
      config.mac.entitlements,
      config.mac.entitlementsInherit,
      'resources/tray/trayTemplate.png',
      'resources/tray/tray.png',
    ];
    for (const path of paths) expect(existsSync(join(root, path)), path).toBe(true);
    const png = readFileSync(join(root, config.icon));
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // macOS needs at least 512 px to make its icns
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(existsSync(join(root, config.linux.icon, `${size}x${size}.png`))).toBe(true);
    expect(readFileSync(join(root, config.mac.entitlements), 'utf8')).toContain('com.apple.security.cs.allow-jit');
  });
});
