import { describe, expect, it } from 'vitest';
import { engineRange, minimumNode, nodeNotice } from '../../../scripts/node-version.mjs';

describe('the Node version npm start asks for', () => {
  it('reads package.json engines, the one place the requirement is written', () => {
    expect(minimumNode(engineRange())).toEqual([22, 12, 0]);
  });

  it.each([
    ['20.20.2', '>=22.12', true],
    ['22.11.9', '>=22.12', true],
    ['v22.11.0', '>=22.12', true],
    ['22.12.0', '>=22.12', false],
    ['22.23.3', '>=22.12', false],
    ['23.0.0', '>=22.12', false],
    ['24.1.0', '>=22.12.0', false],
    ['18.20.4', '>=20', true],
  ])('Node %s against %s: notice %s', (version, range, expected) => {
    expect(nodeNotice(version, range) !== null).toBe(expected);
  });

  it('names both versions in its one line', () => {
    const text = nodeNotice('20.20.2', '>=22.12');
    expect(text).toContain('Node 22.12.0 or later');
    expect(text).toContain('Node 20.20.2');
    expect(text).not.toContain('\n');
  });

  it('says nothing about a range it cannot read rather than guessing', () => {
    expect(minimumNode('^22 || ^24')).toBeNull();
    expect(nodeNotice('10.0.0', '^22 || ^24')).toBeNull();
  });
});
