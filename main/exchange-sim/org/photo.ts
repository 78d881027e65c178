/**
 * The stored original photo of a person, drawn deterministically from its PhotoSpec (an SVG portrait
 * rasterised by sharp) and kept in a bounded in-memory LRU; photo bytes are never persisted.
 */
import sharp from 'sharp';
import { mulberry32 } from './random';
import type { Person, PhotoSpec } from './types';

const MAX_CACHE_BYTES = 64 * 1024 * 1024;
const cache = new Map<string, Uint8Array>();
let cachedBytes = 0;

function key(spec: PhotoSpec, person: Pick<Person, 'id'>): string {
  return `${person.id}|${spec.seed}|${spec.version}|${spec.format}|${spec.width}x${spec.height}`;
}

/**
 * A portrait: a gradient backdrop, shoulders, neck and head. Nothing is drawn in the corners (no
 * initials, no mark): clients crop photos round, and anything there would show as a notch.
 */
function svgFor(spec: PhotoSpec): string {
  const rng = mulberry32(spec.seed ^ spec.version);
  const w = spec.width;
  const h = spec.height;
  const hue = rng.int(0, 359);
  const skin = ['#f1c27d', '#e0ac69', '#c68642', '#8d5524', '#ffdbac'][rng.int(0, 4)] ?? '#e0ac69';
  const shirt = `hsl(${(hue + 180) % 360},45%,${rng.int(25, 45)}%)`;
  const s = Math.min(w, h);
  const cx = w / 2;
  const headR = s * 0.2;
  const headY = h * 0.42;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
<stop offset="0" stop-color="hsl(${hue},60%,72%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},55%,48%)"/>
</linearGradient></defs>
<rect width="${w}" height="${h}" fill="url(#g)"/>
<ellipse cx="${cx}" cy="${h + s * 0.12}" rx="${s * 0.36}" ry="${s * 0.36}" fill="${shirt}"/>
<rect x="${cx - s * 0.06}" y="${headY + headR * 0.7}" width="${s * 0.12}" height="${s * 0.14}" fill="${skin}"/>
<circle cx="${cx}" cy="${headY}" r="${headR}" fill="${skin}"/>
<path d="M ${cx - headR} ${headY} A ${headR} ${headR} 0 0 1 ${cx + headR} ${headY} Q ${cx} ${headY - headR * 0.55} ${cx - headR} ${headY} Z" fill="hsl(${rng.int(0, 40)},35%,${rng.int(10, 35)}%)"/>
</svg>`;
}

/** The original bytes (JPEG or PNG at spec size) GetUserPhoto serves or resizes. */
export async function renderPhoto(spec: PhotoSpec, person: Pick<Person, 'id' | 'smtp'>): Promise<Uint8Array> {
  const k = key(spec, person);
  const hit = cache.get(k);
  if (hit) {
    cache.delete(k);
    cache.set(k, hit);
    return hit;
  }
  const img = sharp(Buffer.from(svgFor(spec)));
  const out =
    spec.format === 'png'
      ? await img.png({ compressionLevel: 6 }).toBuffer()
      : await img.jpeg({ quality: 85 }).toBuffer();
  const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  cache.set(k, bytes);
  cachedBytes += bytes.byteLength;
  // Evict least recently used entries until under the budget.
  for (const [oldKey, old] of cache) {
    if (cachedBytes <= MAX_CACHE_BYTES) break;
    cache.delete(oldKey);
    cachedBytes -= old.byteLength;
  }
  return bytes;
}

/** For tests and benchmarks. */
export function clearPhotoCache(): void {
  cache.clear();
  cachedBytes = 0;
}
