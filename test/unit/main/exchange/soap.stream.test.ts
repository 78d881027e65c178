/**
 * parseXmlStream: a response body read as it arrives gives the tree parseXml gives for the whole
 * text, however the bytes are cut, for bodies much larger than one socket chunk.
 */
import { describe, expect, it } from 'vitest';
import { parseXml, parseXmlStream } from '../../../../main/exchange/soap';

/** ~500 KB of elements (many socket chunks) whose text and attributes are mostly 2-, 3- and 4-byte UTF-8 characters. */
function largeDocument(): string {
  const items: string[] = [];
  for (let i = 0; i < 5_000; i++)
    items.push(
      `<t:Item Id="Тере${i}漢字"><t:Subject>Ñandú 会議 ${i} 🎉 Терентий Адамов</t:Subject><t:N>${i}</t:N></t:Item>`,
    );
  return `<?xml version="1.0" encoding="utf-8"?><m:Root xmlns:m="urn:m" xmlns:t="urn:t">${items.join('')}</m:Root>`;
}

/** Chunks of about `size` bytes, each cut inside a multibyte character. */
function cutInsideCharacters(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let from = 0;
  while (from < bytes.length) {
    let to = Math.min(bytes.length, from + size);
    while (to < bytes.length && (bytes[to]! & 0xc0) !== 0x80) to++; // to a continuation byte
    out.push(bytes.subarray(from, to));
    from = to;
  }
  return out;
}

async function* deliver(parts: ReadonlyArray<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
  for (const p of parts) yield await Promise.resolve(p);
}

describe('parseXmlStream on large bodies', () => {
  const text = largeDocument();
  const bytes = new TextEncoder().encode(text);
  const whole = parseXml(text);

  it('is a document of several hundred kilobytes', () => {
    expect(bytes.length).toBeGreaterThan(500_000);
    expect(whole.children).toHaveLength(5_000);
  });

  it.each([
    ['socket-sized chunks (~64 KB)', 65_536],
    ['chunks of ~4 KB', 4_093],
    ['chunks larger than a decoded piece (~300 KB)', 300_000],
  ])('gives the whole text’s tree from %s, every cut inside a character', async (_, size) => {
    const parts = cutInsideCharacters(bytes, size);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts.slice(1)) expect(p[0]! & 0xc0).toBe(0x80);
    const streamed = await parseXmlStream(deliver(parts));
    expect(streamed).toEqual(whole);
    expect(streamed.children[4_999]!.children[0]!.text).toBe('Ñandú 会議 4999 🎉 Терентий Адамов');
  });

  it('keeps text chunks in order with the bytes around them', async () => {
    const [a, b, c] = [text.slice(0, 150_000), text.slice(150_000, 300_000), text.slice(300_000)];
    const enc = new TextEncoder();
    const streamed = await parseXmlStream(deliver([enc.encode(a), b, enc.encode(c)]));
    expect(streamed).toEqual(whole);
  });

  it('refuses a malformed body found in its last piece', async () => {
    const broken = new TextEncoder().encode(text.replace('<t:N>4999</t:N>', '<t:N>4999</t:M>'));
    await expect(parseXmlStream(deliver(cutInsideCharacters(broken, 65_536)))).rejects.toMatchObject({
      code: 'MalformedResponse',
    });
  });
});
