import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createType2, ntHash, parseType3, verifyNtlmV2 } from '../../../../main/exchange-sim/auth/ntlm';

interface Type2 {
  flags: number;
  version: number;
  challenge: Buffer;
  targetName: string;
  targetInfo?: { parsed: Record<string, string>; buffer: Buffer };
}
interface NtlmClient {
  createType1Message(workstation?: string, target?: string): string;
  decodeType2Message(str: string): Type2;
  createType3Message(
    t2: Type2,
    user: string,
    password: string,
    workstation?: string,
    target?: string,
  ): string;
}
// The third-party client proves interop; it ships no types.
const client = createRequire(import.meta.url)('@ewsjs/ntlm-client') as NtlmClient;

const names = {
  netbiosDomain: 'CONTOSO',
  netbiosComputer: 'MAIL',
  dnsDomain: 'contoso.test',
  dnsComputer: 'mail.contoso.test',
};
const challenge = Buffer.from('0123456789abcdef', 'hex');
const b64 = (header: string): Buffer => Buffer.from(header.replace(/^NTLM /, ''), 'base64');

describe('NTLM server messages', () => {
  it('computes the NT hash with MD4 (known vector for "Password")', () => {
    expect(ntHash('Password').toString('hex')).toBe('a4f49c406510bdcab6824ee7c30fd852');
  });

  it('emits a type 2 a real client reads: NTLMv2, Unicode, challenge and target info', () => {
    const t2 = client.decodeType2Message(`NTLM ${createType2(names, challenge).toString('base64')}`);
    expect(t2.version).toBe(2);
    expect(t2.challenge.equals(challenge)).toBe(true);
    expect(t2.targetName).toBe('CONTOSO');
    expect(t2.targetInfo?.parsed).toMatchObject({
      DOMAIN: 'CONTOSO',
      SERVER: 'MAIL',
      DNS: 'contoso.test',
      FQDN: 'mail.contoso.test',
    });
  });

  it('verifies the client type 3 for the right password only', () => {
    const t2 = client.decodeType2Message(`NTLM ${createType2(names, challenge).toString('base64')}`);
    const good = parseType3(b64(client.createType3Message(t2, 'alice', 'S3cret!', 'WS1', 'CONTOSO')));
    expect(good).toMatchObject({ user: 'alice', domain: 'CONTOSO', workstation: 'WS1' });
    expect(verifyNtlmV2(good, challenge, 'S3cret!')).toBe(true);
    expect(verifyNtlmV2(good, challenge, 'wrong')).toBe(false);
    expect(verifyNtlmV2(good, Buffer.alloc(8), 'S3cret!')).toBe(false);
  });

  it('refuses NTLMv1-shaped (24-byte) answers', () => {
    const t2 = client.decodeType2Message(`NTLM ${createType2(names, challenge).toString('base64')}`);
    const msg = b64(client.createType3Message(t2, 'alice', 'S3cret!', 'WS1', 'CONTOSO'));
    // Same message, NT response cut to the 24 bytes an NTLMv1 client sends.
    msg.writeUInt16LE(24, 20);
    msg.writeUInt16LE(24, 22);
    const v1 = parseType3(msg);
    expect(v1.ntResponse.length).toBe(24);
    expect(verifyNtlmV2(v1, challenge, 'S3cret!')).toBe(false);
  });
});
