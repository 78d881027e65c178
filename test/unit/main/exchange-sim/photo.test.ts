import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { clearPhotoCache, renderPhoto } from '../../../../main/exchange-sim/org/photo';

const person = { id: 'person-7', smtp: 'helene.dubois@contoso.test' };

describe('renderPhoto', () => {
  it('renders the stored original at the spec size and format', async () => {
    const jpeg = await renderPhoto({ format: 'jpeg', width: 648, height: 648, seed: 11, version: 1 }, person);
    expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 648, height: 648 });
    const png = await renderPhoto({ format: 'png', width: 648, height: 480, seed: 11, version: 1 }, person);
    expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 648, height: 480 });
    const small = await renderPhoto({ format: 'jpeg', width: 96, height: 96, seed: 3, version: 1 }, person);
    expect(await sharp(small).metadata()).toMatchObject({ width: 96, height: 96 });
  });

  it('draws the same bytes for the same spec, and different ones when the version changes', async () => {
    const spec = { format: 'jpeg' as const, width: 240, height: 240, seed: 99, version: 1 };
    const first = await renderPhoto(spec, person);
    clearPhotoCache();
    const again = await renderPhoto(spec, person);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    const changed = await renderPhoto({ ...spec, version: 2 }, person);
    expect(Buffer.from(changed).equals(Buffer.from(first))).toBe(false);
  });

  it('draws a portrait with nothing in its corners, which a round crop would cut into a notch', async () => {
    for (const seed of [1, 2, 3, 11, 42]) {
      const size = 240;
      const photo = await renderPhoto({ format: 'png', width: size, height: size, seed, version: 1 }, person);
      const c = Math.round(size * 0.12);
      for (const [left, top] of [
        [0, 0],
        [size - c, 0],
        [0, size - c],
        [size - c, size - c],
      ] as const) {
        // Outside the inscribed circle only the backdrop's smooth gradient: no glyph, no edge.
        const corner = await sharp(photo).extract({ left, top, width: c, height: c }).png().toBuffer();
        const { channels } = await sharp(corner).stats();
        for (const channel of channels.slice(0, 3))
          expect(channel.stdev, `seed ${seed} at ${left},${top}`).toBeLessThan(6);
      }
    }
  });
});
