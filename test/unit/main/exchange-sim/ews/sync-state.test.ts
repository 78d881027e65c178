/** The SyncState seal (sync-state.ts): what round-trips, and every way a state is refused. */
import { describe, expect, it } from 'vitest';
import {
  decodeSyncState,
  encodeSyncState,
  type SyncPosition,
} from '../../../../../main/exchange-sim/ews/sync-state';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);
const POS: SyncPosition = { mailbox: 'p-alice', scope: 'items:calendar', seq: 42 };

function flip(wire: string, index: number): string {
  const b = Buffer.from(wire, 'base64');
  b[index] = (b[index] ?? 0) ^ 0x01;
  return b.toString('base64');
}

describe('encodeSyncState / decodeSyncState', () => {
  it.each<SyncPosition>([
    POS,
    { mailbox: 'p-bob', scope: 'hierarchy:msgfolderroot', seq: 0 },
    { mailbox: 'x', scope: 'items:inbox', seq: 0xffffffff },
    { mailbox: 'p-é', scope: 'items:lynccontacts', seq: 1 },
    { mailbox: 'a', scope: 'b', seq: 7 },
  ])('round-trips %o', (pos) => {
    const wire = encodeSyncState(KEY, pos);
    expect(wire).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(decodeSyncState(KEY, wire)).toEqual(pos);
    expect(decodeSyncState(KEY, ` ${wire}\n`)).toEqual(pos);
  });

  it('names its format first (RSS, version 1), so a later format is told apart', () => {
    expect([...Buffer.from(encodeSyncState(KEY, POS), 'base64').subarray(0, 4)]).toEqual([
      0x52, 0x53, 0x53, 0x01,
    ]);
  });

  it('is stable: the same position and key give the same state', () => {
    expect(encodeSyncState(KEY, POS)).toBe(encodeSyncState(KEY, { ...POS }));
    expect(encodeSyncState(KEY, POS)).not.toBe(encodeSyncState(KEY, { ...POS, seq: 43 }));
  });

  const wire = encodeSyncState(KEY, POS);
  const length = Buffer.from(wire, 'base64').length;
  it.each<[string, string, Uint8Array]>([
    ['empty', '', KEY],
    ['not base64', 'not a sync state!', KEY],
    ['bad base64 padding', wire.slice(0, -1), KEY],
    ['an Exchange gzip state', 'H4sIAAAAAAAEAO29B2AcSZY=', KEY],
    ['junk before it', `!!!!${wire}`, KEY],
    ['junk after it', `${wire}!!!!`, KEY],
    ['junk inside it', `${wire.slice(0, 8)}****${wire.slice(8)}`, KEY],
    ['only its first bytes', Buffer.from(wire, 'base64').subarray(0, 10).toString('base64'), KEY],
    ['only its magic', 'UlNTAQ==', KEY],
    ['another key (another run)', wire, OTHER_KEY],
    ['the magic edited', flip(wire, 0), KEY],
    ['the version edited', flip(wire, 3), KEY],
    ['the position edited', flip(wire, 7), KEY],
    ['the mailbox edited', flip(wire, 9), KEY],
    ['the seal edited', flip(wire, length - 1), KEY],
    [
      'truncated',
      Buffer.from(wire, 'base64')
        .subarray(0, length - 1)
        .toString('base64'),
      KEY,
    ],
    ['extended', Buffer.concat([Buffer.from(wire, 'base64'), Buffer.from([0])]).toString('base64'), KEY],
  ])('refuses %s', (_name, bad, key) => {
    expect(decodeSyncState(key, bad)).toBeUndefined();
  });

  it('refuses a sealed state without a mailbox or a scope', () => {
    for (const pos of [
      { mailbox: '', scope: 'items:calendar', seq: 1 },
      { mailbox: 'p-alice', scope: '', seq: 1 },
    ])
      expect(decodeSyncState(KEY, encodeSyncState(KEY, pos))).toBeUndefined();
  });

  it.each([-1, 1.5, 0x100000000, Number.NaN])('will not seal sequence %s', (seq) => {
    expect(() => encodeSyncState(KEY, { ...POS, seq })).toThrow(RangeError);
  });

  it('says why it will not seal a fractional sequence or a mailbox id holding a NUL', () => {
    expect(() => encodeSyncState(KEY, { ...POS, seq: 1.5 })).toThrow(/sync sequence out of range: 1.5/);
    expect(() => encodeSyncState(KEY, { ...POS, mailbox: 'a\u0000b' })).toThrow(/mailbox id holds a NUL/);
  });
});
