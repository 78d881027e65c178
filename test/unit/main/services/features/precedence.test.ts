import { describe, expect, it } from 'vitest';
import type { FeatureId } from '../../../../../preload/contract';
import { resolveFeatures, type PrecedenceInput } from '../../../../../main/services/features/precedence';
import { FEATURES, type FeatureDefinition } from '../../../../../main/services/features/registry';

const registry: FeatureDefinition[] = [
  { id: 'photos', title: t('Photos'), description: t(''), default: true, pilot: false },
  { id: 'presence', title: t('Calendar presence'), description: t(''), default: true, pilot: false },
  {
    id: 'alerts',
    title: t('Alerts'),
    description: t(''),
    default: true,
    pilot: false,
    requires: 'presence',
  },
  { id: 'meetings', title: t('Meetings'), description: t(''), default: false, pilot: true },
];
function t(en: string) {
  return { en, fr: en };
}

function one(id: FeatureId, input: Partial<PrecedenceInput>) {
  const all = resolveFeatures(registry, { policy: {}, allowOptIn: true, optIns: {}, ...input });
  const found = all.find((f) => f.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
}

describe('feature precedence: policy > user opt-in > default', () => {
  it.each([
    // feature, policy, allowOptIn, user, → on, source, reason, canOptIn
    ['meetings', undefined, true, undefined, false, 'default', 'Off by default', true],
    ['meetings', undefined, true, true, true, 'user', 'On because you joined the pilot', true],
    ['meetings', undefined, true, false, false, 'user', 'Off because you left the pilot', true],
    ['meetings', false, true, true, false, 'policy', 'Off by your organisation’s policy', false],
    ['meetings', true, true, false, true, 'policy', 'On by your organisation’s policy', false],
    // The policy closes opt-in: the user's earlier choice no longer counts.
    ['meetings', undefined, false, true, false, 'default', 'Off by default', false],
    ['photos', undefined, true, undefined, true, 'default', 'On by default', false],
    // Not a pilot feature: a stray choice in features.json changes nothing.
    ['photos', undefined, true, false, true, 'default', 'On by default', false],
    ['photos', false, true, undefined, false, 'policy', 'Off by your organisation’s policy', false],
  ] as const)(
    '%s: policy %s, opt-in open %s, user %s → on %s (%s)',
    (id, policy, allowOptIn, user, on, source, reason, canOptIn) => {
      const state = one(id, {
        policy: policy === undefined ? {} : { [id]: policy },
        allowOptIn,
        optIns: user === undefined ? {} : { [id]: user },
      });
      expect(state).toMatchObject({ on, source, reason, canOptIn });
    },
  );

  it('turns a feature off when a feature it needs is off, and says which', () => {
    const alerts = one('alerts', { policy: { presence: false } });
    expect(alerts).toMatchObject({ on: false, source: 'requires', requires: 'presence' });
    expect(alerts.reason).toBe('Off because calendar presence is off');
    // The policy turning alerts off is said as the policy's decision, not as a dependency.
    expect(one('alerts', { policy: { alerts: false, presence: false } }).source).toBe('policy');
  });

  it('lists every registry feature once, in the registry order, with both languages', () => {
    const all = resolveFeatures(FEATURES, { policy: {}, allowOptIn: true, optIns: {} });
    expect(all.map((f) => f.id)).toEqual(FEATURES.map((f) => f.id));
    for (const f of all) {
      expect(f.title.en && f.title.fr && f.description.en && f.description.fr).toBeTruthy();
    }
  });

  it('has the flags the issue names, with meetings, history and voice mail in pilot', () => {
    const ids = FEATURES.map((f) => f.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'photos',
        'presence',
        'alerts',
        'meetings',
        'helpdesk',
        'history',
        'voicemail',
      ]),
    );
    expect(FEATURES.filter((f) => f.pilot).map((f) => f.id)).toEqual(['meetings', 'history', 'voicemail']);
  });
});
