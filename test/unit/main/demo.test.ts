import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDemoExchange } from '../../../main/demo';
import { presenceCast, scriptedCast } from '../../../main/exchange-sim/org/presence-cast';

describe('demo mode at a fixed instant', () => {
  it('generates around the given epoch and answers by the given clock, so e2e can stand just before a meeting ends', async () => {
    const demo = createDemoExchange(null, {
      size: 60,
      epoch: '2026-11-25T00:00:00Z',
      clock: '2026-11-25T09:29:15Z',
    });
    try {
      await demo.transportOptions();
      const sim = demo.handle();
      expect(sim?.org.epoch).toBe('2026-11-25T00:00:00.000Z');
      expect(sim?.control.now()).toBe(Date.parse('2026-11-25T09:29:15Z'));
      const cast = presenceCast(sim!.org);
      expect(cast.at).toBe('2026-11-25T09:29:15.000Z');
      expect(cast.endingSoon.map((e) => e.smtp)).toContain(scriptedCast(sim!.org).meetingEndingSoon);
    } finally {
      await demo.close();
    }
  });
});

describe('preparing the demo while the sign-in screen shows', () => {
  it('loads its code but starts nothing: no organisation, no port, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-demo-prepare-'));
    const demo = createDemoExchange(dir, { size: 60 });
    try {
      await demo.prepare();
      await demo.prepare(); // again: nothing more
      expect(demo.handle()).toBeNull();
      expect(readdirSync(dir)).toStrictEqual([]);
      // The click after it starts the demo as before.
      const account = await demo.account();
      expect(account.email).toMatch(/@contoso\.test$/);
      expect(demo.handle()).not.toBeNull();
    } finally {
      await demo.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
