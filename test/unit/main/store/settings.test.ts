import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, openSettingsStore } from '../../../../main/store/settings';

const onWindows = process.platform === 'win32'; // no POSIX modes to check there
const tempDir = () => mkdtempSync(join(tmpdir(), 'roster-settings-'));

describe('settings store', () => {
  it('starts from defaults and keeps changes across restarts', async () => {
    const dir = tempDir();
    const first = await openSettingsStore(dir);
    expect(first.get()).toEqual(DEFAULT_SETTINGS);
    await first.update({ language: 'fr', showPhotos: false });
    const second = await openSettingsStore(dir);
    expect(second.get()).toEqual({ ...DEFAULT_SETTINGS, language: 'fr', showPhotos: false });
  });

  it.skipIf(onWindows)('keeps settings.json private: no group or other permission', async () => {
    const dir = tempDir();
    await (await openSettingsStore(dir)).update({ language: 'fr' });
    expect(statSync(join(dir, 'settings.json')).mode & 0o077).toBe(0);
  });

  it('survives a corrupt or foreign file, keeping the valid fields', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    expect((await openSettingsStore(dir)).get()).toEqual(DEFAULT_SETTINGS);
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ language: 'fr', theme: 'neon', extra: 1 }));
    const store = await openSettingsStore(dir);
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, language: 'fr' });
    await store.update({ theme: 'dark' });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({
      ...DEFAULT_SETTINGS,
      language: 'fr',
      theme: 'dark',
    });
  });

  it('tells the log about a corrupt file it replaced with defaults', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{"language": "fr"');
    const faults: unknown[] = [];
    expect((await openSettingsStore(dir, (err) => faults.push(err))).get()).toEqual(DEFAULT_SETTINGS);
    expect(faults).toHaveLength(1);
  });

  it('opens with defaults when the file cannot be read (a folder in its place), instead of failing', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'settings.json'));
    const faults: unknown[] = [];
    expect((await openSettingsStore(dir, (err) => faults.push(err))).get()).toEqual(DEFAULT_SETTINGS);
    expect(faults).toHaveLength(1);
  });

  it('refuses an invalid value and keeps the previous one', async () => {
    const store = await openSettingsStore(null);
    await expect(store.update({ language: 'xx' as never })).rejects.toThrow();
    expect(store.get().language).toBe('system');
  });
});
