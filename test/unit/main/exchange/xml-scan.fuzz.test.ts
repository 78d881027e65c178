/**
 * The scanner (main/exchange/xml-scan.ts) on the recorded answers and the bad-input corpus, in
 * chunks, and against saxes on 20,000 damaged copies of them: the heavy half of xml-scan.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { agreesWithSaxes, corpus, EDGES, outcome, sameInChunks } from './xml-scan.cases';

describe('chunk boundaries change nothing', () => {
  it.each([1, 2, 3, 7, 64, 4096])('every recorded answer, in chunks of %i', (size) => {
    const all = corpus();
    expect(all.length).toBeGreaterThan(20);
    for (const xml of all) sameInChunks(xml, size);
  });
});

describe('agrees with saxes', () => {
  it('on every recorded answer', () => {
    for (const xml of corpus()) agreesWithSaxes(xml);
  });

  it('on 20,000 damaged copies of them (seeded, so a failure can be replayed)', () => {
    let seed = 20261130;
    const rnd = (k: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed % k;
    };
    const pieces = [
      '<',
      '>',
      '/',
      '&',
      ';',
      '"',
      "'",
      '=',
      ' ',
      '\n',
      '\r',
      ']',
      '!',
      '-',
      '?',
      'a',
      ':',
      '#',
    ];
    pieces.push(
      'x',
      '\u0001',
      '\uD800',
      'é',
      '[',
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '&amp;',
      '&#',
      '<?',
      '<!DOCTYPE',
    );
    const sources = [...EDGES, ...corpus()].filter((x) => x.length < 20_000);
    let accepted = 0;
    for (let n = 0; n < 20_000; n++) {
      let xml = sources[rnd(sources.length)]!;
      for (let e = 1 + rnd(3); e > 0; e--) {
        const at = rnd(xml.length + 1);
        const op = rnd(3);
        const piece = pieces[rnd(pieces.length)]!;
        if (op === 0) xml = xml.slice(0, at) + xml.slice(at + 1 + rnd(4));
        else if (op === 1) xml = xml.slice(0, at) + piece + xml.slice(at);
        else xml = xml.slice(0, at) + piece + xml.slice(at + 1);
      }
      if (typeof outcome(xml) !== 'string') accepted++;
      agreesWithSaxes(xml);
    }
    // Both outcomes were exercised: some copies still well-formed, most not.
    expect(accepted).toBeGreaterThan(500);
    expect(accepted).toBeLessThan(19_000);
  });
});
