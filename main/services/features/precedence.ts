/**
 * Which features are on, and why: pure, so the rule reads as a table and is tested as one.
 *
 * Strongest first: the organisation's policy file (an administrator decided), then the user's
 * own choice (only for pilot features, and only where the policy leaves opt-in open), then the
 * registry's default. A feature whose `requires` is off is off whatever else says, because its
 * half-working state (alerts without presence) would only confuse.
 */
import type { FeatureId, FeatureSource, FeatureState } from '../../../preload/contract';
import type { FeatureDefinition } from './registry';

export interface PrecedenceInput {
  /** The valid policy's feature settings (an invalid file counts as none: ignored whole). */
  policy: Partial<Record<FeatureId, boolean>>;
  /** The policy may close opt-in for everything it does not set (default open). */
  allowOptIn: boolean;
  /** The user's choices (pilot features only count). */
  optIns: Partial<Record<FeatureId, boolean>>;
}

/** The sentence for a state; the renderer has the same in en/fr keyed by source and on. */
export function reasonText(source: FeatureSource, on: boolean, requires?: string): string {
  switch (source) {
    case 'policy':
      return on ? 'On by your organisation’s policy' : 'Off by your organisation’s policy';
    case 'user':
      return on ? 'On because you joined the pilot' : 'Off because you left the pilot';
    case 'requires':
      return `Off because ${requires ?? 'a feature it needs'} is off`;
    case 'default':
      return on ? 'On by default' : 'Off by default';
  }
}

function own(def: FeatureDefinition, input: PrecedenceInput): { on: boolean; source: FeatureSource } {
  const fromPolicy = input.policy[def.id];
  if (fromPolicy !== undefined) return { on: fromPolicy, source: 'policy' };
  const chosen = input.optIns[def.id];
  if (def.pilot && input.allowOptIn && chosen !== undefined) return { on: chosen, source: 'user' };
  return { on: def.default, source: 'default' };
}

export function resolveFeatures(
  registry: readonly FeatureDefinition[],
  input: PrecedenceInput,
): FeatureState[] {
  const base = new Map(registry.map((def) => [def.id, own(def, input)] as const));
  return registry.map((def) => {
    // Stryker disable next-line ObjectLiteral: base holds every registry id; the fallback only satisfies the type
    let { on, source } = base.get(def.id) ?? { on: def.default, source: 'default' as const };
    const needed = def.requires ? registry.find((d) => d.id === def.requires) : undefined;
    // Stryker disable next-line OptionalChaining: needed comes from the registry, so base holds it
    if (on && needed && !base.get(needed.id)?.on) {
      on = false;
      source = 'requires';
    }
    return {
      id: def.id,
      on,
      source,
      reason: reasonText(source, on, needed?.title.en.toLowerCase()),
      pilot: def.pilot,
      canOptIn: def.pilot && input.allowOptIn && input.policy[def.id] === undefined,
      ...(source === 'requires' && needed ? { requires: needed.id } : {}),
      title: def.title,
      description: def.description,
    };
  });
}
