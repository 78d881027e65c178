/** Errors in words a user can act on: the codes main gives to edits whose answer was lost, and oversized answers. */
import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { RosterError } from '../../../preload/contract';
import { describeError } from '../../../renderer/errors';
import { en } from '../../../renderer/i18n/en';
import { fr } from '../../../renderer/i18n/fr';

function translator(lng: 'en' | 'fr'): TFunction {
  const i18n = createInstance();
  void i18n.init({
    resources: { en: { translation: en }, fr: { translation: fr } },
    lng,
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return i18n.t.bind(i18n);
}

const e = (kind: RosterError['kind'], code: string): RosterError => ({
  kind,
  code,
  message: 'main’s own sentence',
});

describe('describeError', () => {
  it.each([
    [e('network', 'EditNotApplied'), 'en', 'The change wasn’t made'],
    [e('network', 'EditPartlyApplied'), 'en', 'The change was only partly made'],
    [e('network', 'EditOutcomeUnknown'), 'en', 'We couldn’t check whether the change was made'],
    [e('server', 'ResponseTooLarge'), 'en', 'Exchange sent more than Roster can read'],
    [e('server', 'ResponseTooComplex'), 'en', 'Exchange sent more than Roster can read'],
    [e('network', 'EditNotApplied'), 'fr', 'La modification n’a pas été faite'],
    [e('network', 'ECONNRESET'), 'en', en.errors.network.title],
  ] as const)('%o in %s', (error, lng, title) => {
    expect(describeError(error, translator(lng)).title).toBe(title);
  });

  it('keeps main’s sentence as details only where it names things (the groups of a half-made move)', () => {
    const t = translator('en');
    expect(describeError(e('network', 'EditPartlyApplied'), t).details).toContain('main’s own sentence');
    expect(describeError(e('network', 'EditNotApplied'), t).details).toBeUndefined();
  });
});
