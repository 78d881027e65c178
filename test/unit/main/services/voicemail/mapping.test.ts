import { describe, expect, it } from 'vitest';
import { renderWav } from '../../../../../main/exchange-sim/org/history';
import {
  durationOf,
  phoneKey,
  resolveCaller,
  sniffAudio,
  transcriptionOf,
  type CallerContact,
} from '../../../../../main/services/voicemail/mapping';

const contacts: CallerContact[] = [
  { email: 'bob@contoso.test', displayName: 'Bob Kelly', phones: ['+1 212 555 0100'] },
  { email: 'dave@contoso.test', displayName: 'Dave Thompson', phones: ['tel:+44 20 7946 0018'] },
  { email: 'twin1@contoso.test', displayName: 'Twin One', phones: ['+33 1 23 45 67 89'] },
  { email: 'twin2@contoso.test', displayName: 'Twin Two', phones: ['01 23 45 67 89'] },
];

describe('resolveCaller', () => {
  it.each([
    ['by address, any case', { name: 'Bob', email: 'BOB@contoso.test' }, undefined, 'bob@contoso.test'],
    ['by phone, formatting ignored', { name: '+12125550100' }, '+1 (212) 555-0100', 'bob@contoso.test'],
    [
      'by phone, national form against tel: URI',
      { name: '020 7946 0018' },
      '020 7946 0018',
      'dave@contoso.test',
    ],
    ['ambiguous phone: no contact', { name: 'x' }, '+33 1 23 45 67 89', undefined],
    ['unknown number', { name: '+1 425 555 0199' }, '+1 425 555 0199', undefined],
    ['too short to tell', { name: '0100' }, '0100', undefined],
  ])('%s', (_n, from, phone, email) => {
    expect(resolveCaller(from, phone, contacts).contact?.email).toBe(email);
  });

  it('keeps what the server said beside the match', () => {
    expect(
      resolveCaller({ name: 'B. Kelly', email: 'bob@contoso.test' }, '+1 212 555 0100', contacts),
    ).toEqual({
      name: 'B. Kelly',
      email: 'bob@contoso.test',
      phone: '+1 212 555 0100',
      contact: { email: 'bob@contoso.test', displayName: 'Bob Kelly' },
    });
  });
});

describe('phoneKey', () => {
  it.each([
    ['+1 (212) 555-0100', '125550100'],
    ['tel:+44 20 7946 0018', '079460018'],
    ['123', undefined],
  ])('%s → %s', (phone, key) => {
    expect(phoneKey(phone)).toBe(key);
  });
});

describe('transcriptionOf', () => {
  it.each([
    ['Voice Mail Preview: Call me back. You received a voice mail from Bob Kelly.', 'Call me back.'],
    ['Voice Mail Preview: Rappelle-moi', 'Rappelle-moi'],
    ['You received a voice mail from Bob Kelly.', undefined],
    [undefined, undefined],
  ])('%j → %j', (preview, text) => {
    expect(transcriptionOf(preview)).toBe(text);
  });
});

describe('durationOf', () => {
  it.each([
    [{ durationSeconds: 12, subject: 'Voice Mail from Bob (30 seconds)' }, 12],
    [{ subject: 'Voice Mail from Bob (30 seconds)' }, 30],
    [{ subject: 'Voice Mail from Bob (1 second)' }, 1],
    [{ subject: 'Voice Mail from Bob' }, undefined],
  ])('%j → %j', (item, seconds) => {
    expect(durationOf(item)).toBe(seconds);
  });
});

describe('sniffAudio', () => {
  const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
  const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
  it.each([
    ['a generated WAV', renderWav({ name: 'a.wav', seed: 1, ms: 300 }), 'audio/wav'],
    ['Ogg', bytes(...ascii('OggS'), 0), 'audio/ogg'],
    ['MP3 with ID3', bytes(...ascii('ID3'), 3), 'audio/mpeg'],
    ['MP3 frame', bytes(0xff, 0xfb, 0x90), 'audio/mpeg'],
    ['WMA (ASF)', bytes(0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6), 'audio/x-ms-wma'],
    ['HTML claiming to be audio', bytes(...ascii('<html><script>')), undefined],
    ['RIFF but not WAVE', bytes(...ascii('RIFF'), 0, 0, 0, 0, ...ascii('AVI ')), undefined],
    ['empty', bytes(), undefined],
  ])('%s', (_n, data, type) => {
    expect(sniffAudio(data)).toBe(type);
  });
});
