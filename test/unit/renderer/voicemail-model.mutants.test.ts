/** The voice-mail preview's cut at its edges: a space exactly at half the limit, a tiny limit. */
import { describe, expect, it } from 'vitest';
import { PREVIEW_CHARS, previewOf } from '../../../renderer/voicemail-model';

describe('previewOf at the edges of the cut', () => {
  it('a space exactly at half the limit is too early to cut at: the text is cut hard at the limit', () => {
    const half = PREVIEW_CHARS / 2;
    const text = `${'a'.repeat(half)} ${'b'.repeat(PREVIEW_CHARS)}`;
    expect(previewOf(text)).toBe(`${'a'.repeat(half)} ${'b'.repeat(PREVIEW_CHARS - half - 1)}…`);
  });

  it('a hard cut that ends on a space leaves no space before the ellipsis', () => {
    // With a limit of 2 the space at index 1 is not past half, so the cut is hard and ends on it.
    expect(previewOf('a bc', 2)).toBe('a…');
  });
});
