import { memo, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresenceInfo, PresenceState } from '../../preload/contract';
import { stateLabel, statusWords, timeLocale, viewerOffset } from '../presence-model';
import type { Clockface, Translate } from '../presence-model';
import { useRoster } from '../stores';

type Props = {
  state: PresenceState;
  size?: 'small' | 'medium' | 'large';
  /** Hidden from screen readers when the same words are written beside it. */
  decorative?: boolean;
};

/**
 * The presence dot: colour *and* shape (a tick for available, a solid disc for in a meeting, an
 * arrow for out of office, a moon for off work, a question mark for unknown), so it reads in
 * greyscale and for colour-blind users, and an accessible name.
 */
export const PresenceBadge = memo(function PresenceBadge({
  state,
  size = 'small',
  decorative = false,
}: Props) {
  const t = useTranslate();
  const label = stateLabel(state, t);
  const a11y = decorative ? { 'aria-hidden': true as const } : { role: 'img', 'aria-label': label };
  return (
    <span
      className={`presence-badge presence-badge--${state} presence-badge--${size}`}
      title={label}
      {...a11y}
    >
      <svg viewBox="0 0 16 16" focusable="false" aria-hidden="true">
        {state === 'available' && (
          <>
            <circle cx="8" cy="8" r="7" className="presence-badge__fill" />
            <path d="M4.5 8.2 7 10.6 11.6 5.6" className="presence-badge__glyph" />
          </>
        )}
        {state === 'busy' && <circle cx="8" cy="8" r="7" className="presence-badge__fill" />}
        {state === 'oof' && (
          <>
            <circle cx="8" cy="8" r="7" className="presence-badge__fill" />
            <path d="M11.5 8H5M7.6 5.2 4.8 8l2.8 2.8" className="presence-badge__glyph" />
          </>
        )}
        {state === 'off-work' && (
          <>
            <circle cx="8" cy="8" r="7" className="presence-badge__fill" />
            <path d="M9.8 4.2a4.2 4.2 0 1 0 2 6.6 3.4 3.4 0 0 1-2-6.6z" className="presence-badge__moon" />
          </>
        )}
        {state === 'unknown' && (
          <>
            <circle cx="8" cy="8" r="6.2" className="presence-badge__ring" />
            <path d="M6.3 6.3a1.8 1.8 0 1 1 2.4 1.7c-.5.2-.7.5-.7 1v.4" className="presence-badge__glyph" />
            <circle cx="8" cy="11.6" r=".9" className="presence-badge__dot" />
          </>
        )}
      </svg>
    </span>
  );
});

/**
 * i18next's `t` as the narrow function the pure presence model takes: the model builds keys from
 * states and reasons (all present in en.ts, which fr.ts is typed against).
 */
export function useTranslate(): Translate {
  const { t } = useTranslation();
  return useCallback<Translate>((key, values) => (t as unknown as Translate)(key, values), [t]);
}

/** The clock face for presence words: the user's language and time format, this computer's zone. */
export function useClockface(): Clockface {
  const { i18n } = useTranslation();
  const languages = typeof navigator === 'undefined' ? [] : navigator.languages;
  const locale = timeLocale(i18n.language, languages);
  // The same object while the locale is: what is built from it (row texts) can be kept.
  return useMemo(() => ({ locale, offset: viewerOffset }), [locale]);
}

/** Presence words for rows and search results, at the instant main computed them for. */
export function usePresenceText(): (info: PresenceInfo | undefined) => string | null {
  const t = useTranslate();
  const face = useClockface();
  const asOf = useRoster((s) => s.presence?.asOf);
  // The same function until the language or the instant changes: rows keep what it said.
  return useCallback(
    (info: PresenceInfo | undefined) => {
      if (!info || !asOf) return null;
      return statusWords(info, Date.parse(asOf), face, t);
    },
    [asOf, face, t],
  );
}

/** A person's presence by address (rows, search results, group members, the card). */
export function usePresenceOf(email: string | undefined): PresenceInfo | undefined {
  return useRoster((s) => (email ? s.presenceByEmail.get(email.toLowerCase()) : undefined));
}
