import { describe, expect, expectTypeOf, it } from 'vitest';
import { en } from '../../../renderer/i18n/en';
import type { Dictionary } from '../../../renderer/i18n/en';
import { fr } from '../../../renderer/i18n/fr';
import { resolveLanguage } from '../../../renderer/i18n';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

function values(tree: Tree): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : values(value)));
}

function placeholders(tree: Tree): Map<string, string> {
  const result = new Map<string, string>();
  const walk = (node: Tree, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string')
        result.set(
          prefix + key,
          [...value.matchAll(/{{\s*(\w+)\s*}}/g)]
            .map((m) => m[1])
            .sort()
            .join(','),
        );
      else walk(value, `${prefix}${key}.`);
    }
  };
  walk(tree, '');
  return result;
}

describe('dictionaries', () => {
  it('fr has the type of en (a missing or extra key fails to compile)', () => {
    expectTypeOf(fr).toEqualTypeOf<Dictionary>();
  });

  it('fr has every en key and no other', () => {
    expect(keys(fr).sort()).toEqual(keys(en).sort());
  });

  it('fr uses the same placeholders as en, and no string is empty', () => {
    expect(placeholders(fr)).toEqual(placeholders(en));
    for (const value of [...values(en), ...values(fr)]) expect(value.trim()).not.toBe('');
  });
});

describe('resolveLanguage', () => {
  it('uses the setting when it names a language', () => {
    expect(resolveLanguage('fr', 'en-US')).toBe('fr');
    expect(resolveLanguage('en', 'fr-FR')).toBe('en');
  });
  it('follows the system otherwise, English when the system language is not supported', () => {
    expect(resolveLanguage('system', 'fr-CA')).toBe('fr');
    expect(resolveLanguage('system', 'fr')).toBe('fr');
    expect(resolveLanguage(undefined, 'de-DE')).toBe('en');
    expect(resolveLanguage('system', 'en-GB')).toBe('en');
  });
});
