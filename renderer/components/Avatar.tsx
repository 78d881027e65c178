import { useState } from 'react';

/** Number of avatar colours in styles.css (.avatar--0 … .avatar--7), all readable with white text. */
export const AVATAR_COLOURS = 8;

/** A stable, well-spread hash (FNV-1a, 32 bits) of the lower-cased address. */
export function avatarColour(address: string): number {
  let hash = 0x811c9dc5;
  for (const char of address.trim().toLowerCase()) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % AVATAR_COLOURS;
}

/** Made once: every avatar drawn without a photo asks it for initials. */
const segmenter =
  typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

function firstGrapheme(word: string): string {
  if (segmenter) {
    for (const { segment } of segmenter.segment(word)) return segment;
    return '';
  }
  return Array.from(word)[0] ?? '';
}

/** Initials from a display name (first and last word), in any script; the address as a fallback. */
export function initials(name: string, address = ''): string {
  const words = name
    .replace(/\(.*?\)|\[.*?\]/g, ' ')
    .split(/[\s,]+/)
    .filter((w) => /\p{L}|\p{N}/u.test(w));
  if (words.length === 0) {
    const local = address.split('@')[0] ?? '';
    return firstGrapheme(local).toLocaleUpperCase();
  }
  const first = firstGrapheme(words[0] ?? '');
  const last = words.length > 1 ? firstGrapheme(words[words.length - 1] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}

type Props = {
  name: string;
  /** E-mail or SIP address: picks the colour, so one person keeps one colour everywhere. */
  address: string;
  /** A photo (the app's ./photo/… URL, data: or blob:); initials are shown when it is missing or fails. */
  photoUrl?: string;
  size?: 'small' | 'medium' | 'large' | 'xlarge';
  /** Decorative when the name is written next to it (the default); otherwise it is labelled. */
  decorative?: boolean;
};

export function Avatar({ name, address, photoUrl, size = 'medium', decorative = true }: Props) {
  const [failed, setFailed] = useState<string | null>(null);
  const a11y = decorative ? { 'aria-hidden': true } : { role: 'img', 'aria-label': name };
  const className = `avatar avatar--${size} avatar--${avatarColour(address || name)}`;
  if (photoUrl && failed !== photoUrl) {
    return (
      <span className={className} {...a11y}>
        <img
          className="avatar__photo"
          src={photoUrl}
          alt=""
          loading="lazy"
          decoding="async"
          onError={() => setFailed(photoUrl)}
        />
      </span>
    );
  }
  return (
    // Initials are drawn (CSS content), not written: beside a name they are decoration, not text
    // a voice-control user could say, and they must not become part of a row's visible label.
    <span className={className} {...a11y} data-initials={initials(name, address)} />
  );
}
