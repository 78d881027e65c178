import { describe, expect, it } from 'vitest';
import type { FeatureId } from '../../../../../preload/contract';
import {
  reasonText,
  resolveFeatures,
  type PrecedenceInput,
} from '../../../../../main/services/features/precedence';
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

describe('reasonText: the sentence for each state', () => {
  it.each([
    ['policy', true, undefined, 'On by your organisation’s policy'],
    ['policy', false, undefined, 'Off by your organisation’s policy'],
    ['user', true, undefined, 'On because you joined the pilot'],
    ['user', false, undefined, 'Off because you left the pilot'],
    ['requires', false, 'calendar presence', 'Off because calendar presence is off'],
    ['requires', false, undefined, 'Off because a feature it needs is off'],
    ['default', true, undefined, 'On by default'],
    ['default', false, undefined, 'Off by default'],
  ] as const)('%s, on %s, needing %s → %s', (source, on, requires, want) => {
    expect(reasonText(source, on, requires)).toBe(want);
  });
});

describe('requires', () => {
  it('a feature whose needed feature is on stays on, with no "requires" said', () => {
    const alerts = one('alerts', {});
    expect(alerts).toMatchObject({ on: true, source: 'default', reason: 'On by default' });
    expect(alerts).not.toHaveProperty('requires');
  });

  it('an off feature stays off by its own source even when what it needs is off', () => {
    const alerts = one('alerts', { policy: { presence: false, alerts: false } });
    expect(alerts).toMatchObject({ on: false, source: 'policy' });
    expect(alerts).not.toHaveProperty('requires');
  });

  it('a needed feature missing from the registry does not turn it off', () => {
    const [state] = resolveFeatures(
      [
        {
          id: 'alerts',
          title: t('Alerts'),
          description: t('d'),
          default: true,
          pilot: false,
          requires: 'presence',
        },
      ],
      { policy: {}, allowOptIn: true, optIns: {} },
    );
    expect(state).toEqual({
      id: 'alerts',
      on: true,
      source: 'default',
      reason: 'On by default',
      pilot: false,
      canOptIn: false,
      title: t('Alerts'),
      description: t('d'),
    });
  });

  it('a pilot the user joined is off when what it needs was turned off by the user', () => {
    const registry2: FeatureDefinition[] = [
      { id: 'presence', title: t('Calendar presence'), description: t(''), default: false, pilot: true },
      {
        id: 'alerts',
        title: t('Alerts'),
        description: t(''),
        default: false,
        pilot: true,
        requires: 'presence',
      },
    ];
    const states = resolveFeatures(registry2, {
      policy: {},
      allowOptIn: true,
      optIns: { presence: false, alerts: true },
    });
    expect(states.map((s) => [s.id, s.on, s.source, s.canOptIn, s.requires])).toEqual([
      ['presence', false, 'user', true, undefined],
      ['alerts', false, 'requires', true, 'presence'],
    ]);
  });
});
