/**
 * THE feature table: every switchable feature once, with its words in both languages, whether it
 * is on when nothing says otherwise, and whether it is in pilot (not yet on for everyone: a user
 * may join it where the organisation's policy allows). precedence.ts decides; this only lists.
 */
import type { FeatureId } from '../../../preload/contract';

export interface FeatureDefinition {
  id: FeatureId;
  title: { en: string; fr: string };
  description: { en: string; fr: string };
  /** On when neither the policy nor the user says otherwise. */
  default: boolean;
  /** In pilot: the user may opt in (or out) unless the policy decides. */
  pilot: boolean;
  /** Off whenever this other feature is off (alerts need presence). */
  requires?: FeatureId;
}

export const FEATURES: readonly FeatureDefinition[] = [
  {
    id: 'photos',
    title: { en: 'High-resolution photos', fr: 'Photos haute résolution' },
    description: {
      en: 'Contact photos up to 648×648 from Exchange instead of initials.',
      fr: 'Les photos des contacts jusqu’à 648×648, depuis Exchange, au lieu des initiales.',
    },
    default: true,
    pilot: false,
  },
  {
    id: 'presence',
    title: { en: 'Calendar presence', fr: 'Présence d’après le calendrier' },
    description: {
      en: 'In a meeting, out of office, free until…, read from each person’s calendar.',
      fr: 'En réunion, absent, libre jusqu’à…, d’après le calendrier de chacun.',
    },
    default: true,
    pilot: false,
  },
  {
    id: 'alerts',
    title: { en: 'Status alerts', fr: 'Alertes de disponibilité' },
    description: {
      en: '“Tell me when free”: a notice when a busy contact becomes free.',
      fr: '« Me prévenir quand libre » : un avis quand un contact occupé se libère.',
    },
    default: true,
    pilot: false,
    requires: 'presence',
  },
  {
    id: 'meetings',
    title: { en: 'Meeting scheduling', fr: 'Planification de réunions' },
    description: {
      en: 'Find a time when your contacts are free and send an online meeting invitation.',
      fr: 'Trouver un moment où vos contacts sont libres et envoyer une invitation à une réunion en ligne.',
    },
    // In pilot: online meetings need Lync 2013 (UCWA) beside Exchange 2013, not everywhere yet.
    default: false,
    pilot: true,
  },
  {
    id: 'helpdesk',
    title: { en: 'Help desk view', fr: 'Vue support' },
    description: {
      en: 'Check that users’ Lync contacts moved into Exchange. Shown to accounts that may impersonate, or to everyone when the policy turns it on.',
      fr: 'Vérifier que les contacts Lync des utilisateurs sont passés dans Exchange. Proposée aux comptes qui peuvent emprunter une identité, ou à tous quand la stratégie l’active.',
    },
    default: true,
    pilot: false,
  },
  {
    id: 'history',
    title: { en: 'Conversation history', fr: 'Historique des conversations' },
    description: {
      en: 'Your past Lync conversations, from the mailbox’s Conversation History folder.',
      fr: 'Vos conversations Lync passées, depuis le dossier Historique des conversations.',
    },
    default: false,
    pilot: true,
  },
  {
    id: 'voicemail',
    title: { en: 'Voice mail', fr: 'Messagerie vocale' },
    description: {
      en: 'Your Lync voice mail messages, from the mailbox.',
      fr: 'Vos messages vocaux Lync, depuis la boîte aux lettres.',
    },
    default: false,
    pilot: true,
  },
];

export function featureDefinition(id: FeatureId): FeatureDefinition {
  const found = FEATURES.find((f) => f.id === id);
  if (!found) throw new Error(`Unknown feature: ${id}`);
  return found;
}
