import { describe, expect, it } from 'vitest';
import { Faults, corrupt, parseFaults, parseFaultsArg } from '../../../../main/exchange-sim/faults';

const run = (f: Faults, n: number): string[] =>
  Array.from({ length: n }, () => {
    const p = f.planEws();
    return `${p.early}/${p.response}/${p.delayMs}`;
  });

describe('faults', () => {
  it('injects nothing by default', () => {
    expect(new Set(run(new Faults(), 50))).toEqual(new Set(['none/none/0']));
  });

  it('decides from the fault seed: same seed, same sequence; another seed, another one', () => {
    const cfg = { seed: 7, serverBusyRate: 0.3, dropRate: 0.2, latencyMs: 10, jitterMs: 20 };
    const a = run(new Faults(cfg), 40);
    expect(run(new Faults(cfg), 40)).toEqual(a);
    expect(run(new Faults({ ...cfg, seed: 8 }), 40)).not.toEqual(a);
    expect(a.some((x) => x.startsWith('serverBusy'))).toBe(true);
    expect(a.some((x) => x.startsWith('none'))).toBe(true);
    for (const x of a) {
      const delay = Number(x.split('/')[2]);
      expect(delay).toBeGreaterThanOrEqual(10);
      expect(delay).toBeLessThanOrEqual(30);
    }
  });

  it('applies rates of 1 to every request and restarts the stream on set()', () => {
    const f = new Faults({ http503Rate: 1 });
    expect(run(f, 5).every((x) => x.startsWith('http503'))).toBe(true);
    f.set({ http503Rate: 0, malformedRate: 1 });
    expect(run(f, 5).every((x) => x === 'none/malformed/0')).toBe(true);
    f.reset();
    expect(run(f, 5).every((x) => x === 'none/none/0')).toBe(true);
  });

  it('checks settings from outside', () => {
    expect(parseFaults({ latencyMs: 5, serverBusyRate: 0.5 })).toEqual({ latencyMs: 5, serverBusyRate: 0.5 });
    expect(() => parseFaults({ nope: 1 })).toThrow(/unknown/);
    expect(() => parseFaults({ dropRate: 2 })).toThrow(/share/);
    expect(() => parseFaults({ latencyMs: -1 })).toThrow();
    expect(() => parseFaults([])).toThrow();
    expect(parseFaultsArg('latencyMs=200,serverBusyRate=0.1')).toEqual({
      latencyMs: 200,
      serverBusyRate: 0.1,
    });
    expect(parseFaultsArg('{"http503Rate":0.05}')).toEqual({ http503Rate: 0.05 });
  });

  it('corrupts a body so it is shorter and no longer well-formed', () => {
    const body = Buffer.from('<a><b>hello</b></a>');
    const bad = corrupt(body);
    expect(bad.toString()).not.toBe(body.toString());
    expect(bad.toString()).toContain('<<');
  });
});
