import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '../../../fixtures/ews');

export function fixture(name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}
