import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStaticFile } from '../../../../main/shells/static-files';

let root: string;
beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'roster-static-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<html></html>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'top secret');
});

describe('readStaticFile', () => {
  it('serves files in the folder with their type, and index.html for /', async () => {
    expect((await readStaticFile(root, '/'))?.contentType).toMatch(/text\/html/);
    const js = await readStaticFile(root, '/assets/app.js');
    expect(js?.body.toString()).toBe('console.log(1)');
    expect(js?.contentType).toMatch(/javascript/);
  });

  it('never leaves the folder', async () => {
    for (const p of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/index.html%00.js',
      '/%E0%A4%A',
    ]) {
      expect(await readStaticFile(root, p), p).toBeNull();
    }
    expect(await readStaticFile(root, '/assets')).toBeNull();
    expect(await readStaticFile(root, '/missing.js')).toBeNull();
  });
});
