/**
 * A small server-side NTLM (NTLMv2 check with the NT hash) and Basic for tests: NTLM logins are
 * bound to the TCP connection, like IIS.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type http from 'node:http';
import md4 from 'js-md4';

export interface TestUser {
  /** SAM name (without domain) and UPN/smtp; both accepted. */
  sam: string;
  upn: string;
  domain: string;
  password: string;
}

const SIG = Buffer.from('NTLMSSP\0', 'latin1');

function type2(challenge: Buffer, domain: string): string {
  const target = Buffer.from(domain, 'utf16le');
  const avDomain = Buffer.concat([Buffer.from([2, 0]), u16(target.length), target]);
  const info = Buffer.concat([avDomain, Buffer.from([0, 0, 0, 0])]);
  const head = Buffer.alloc(48);
  SIG.copy(head, 0);
  head.writeUInt32LE(2, 8);
  head.writeUInt16LE(target.length, 12);
  head.writeUInt16LE(target.length, 14);
  head.writeUInt32LE(48, 16);
  // UNICODE | REQUEST_TARGET | NTLM | ALWAYS_SIGN | TARGET_TYPE_DOMAIN | EXTENDED_SESSIONSECURITY (NTLM2 key) | TARGET_INFO
  head.writeUInt32LE(0x1 | 0x4 | 0x200 | 0x8000 | 0x10000 | 0x80000 | 0x800000, 20);
  challenge.copy(head, 24);
  head.writeUInt16LE(info.length, 40);
  head.writeUInt16LE(info.length, 42);
  head.writeUInt32LE(48 + target.length, 44);
  return Buffer.concat([head, target, info]).toString('base64');
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n, 0);
  return b;
}

function field(buf: Buffer, at: number): Buffer {
  const len = buf.readUInt16LE(at);
  const off = buf.readUInt32LE(at + 4);
  return buf.subarray(off, off + len);
}

/** Checks a Type 3 message against the users; returns the user on success. */
export function verifyType3(
  token: string,
  challenge: Buffer,
  users: readonly TestUser[],
): TestUser | undefined {
  const buf = Buffer.from(token, 'base64');
  if (!buf.subarray(0, 8).equals(SIG) || buf.readUInt32LE(8) !== 3) return undefined;
  const nt = field(buf, 20);
  const domain = field(buf, 28).toString('utf16le');
  const user = field(buf, 36).toString('utf16le');
  const who = users.find(
    (u) => u.sam.toLowerCase() === user.toLowerCase() || u.upn.toLowerCase() === user.toLowerCase(),
  );
  if (!who || nt.length < 32) return undefined;
  const ntHash = Buffer.from(md4.arrayBuffer(Buffer.from(who.password, 'utf16le')));
  const v2 = createHmac('md5', ntHash)
    .update(Buffer.from(user.toUpperCase() + domain, 'utf16le'))
    .digest();
  const proof = createHmac('md5', v2)
    .update(Buffer.concat([challenge, nt.subarray(16)]))
    .digest();
  return proof.equals(nt.subarray(0, 16)) ? who : undefined;
}

export interface AuthGate {
  /** Returns the user, or undefined after having answered 401 itself. */
  check(req: http.IncomingMessage, res: http.ServerResponse, socketId: number): TestUser | undefined;
  /** Log of schemes seen per request: `NTLM1`, `NTLM3`, `Basic`, `none`, `conn` (already authenticated). */
  log: string[];
  /** Forget every connection's login (forces a re-handshake). */
  reset(): void;
}

export function authGate(
  users: readonly TestUser[],
  schemes: ReadonlyArray<'NTLM' | 'Basic'>,
  domain = 'CONTOSO',
): AuthGate {
  const challenges = new Map<number, Buffer>();
  const authed = new Map<number, TestUser>();
  const log: string[] = [];
  const deny = (res: http.ServerResponse): undefined => {
    res.writeHead(401, {
      'www-authenticate': schemes.map((s) => (s === 'Basic' ? 'Basic realm="mail.contoso.test"' : s)),
      'content-type': 'text/html',
    });
    res.end('<html>401 Unauthorized</html>');
    return undefined;
  };
  return {
    log,
    reset: () => authed.clear(),
    check(req, res, socketId) {
      const h = req.headers.authorization ?? '';
      const [scheme, token = ''] = h.split(' ');
      if (scheme === 'NTLM' && schemes.includes('NTLM')) {
        const msg = Buffer.from(token, 'base64');
        if (msg.readUInt32LE(8) === 1) {
          log.push('NTLM1');
          const challenge = randomBytes(8);
          challenges.set(socketId, challenge);
          res.writeHead(401, { 'www-authenticate': `NTLM ${type2(challenge, domain)}` });
          res.end();
          return undefined;
        }
        log.push('NTLM3');
        const challenge = challenges.get(socketId);
        challenges.delete(socketId);
        const who = challenge ? verifyType3(token, challenge, users) : undefined;
        if (!who) return deny(res);
        authed.set(socketId, who);
        return who;
      }
      if (scheme === 'Basic' && schemes.includes('Basic')) {
        log.push('Basic');
        const [name, ...rest] = Buffer.from(token, 'base64').toString('utf8').split(':');
        const pw = rest.join(':');
        const short = (name ?? '').includes('\\') ? (name ?? '').split('\\')[1]! : (name ?? '');
        const who = users.find((u) => (u.sam === short || u.upn === short) && u.password === pw);
        return who ?? deny(res);
      }
      const known = authed.get(socketId);
      if (known && !h) {
        log.push('conn');
        return known;
      }
      log.push('none');
      return deny(res);
    },
  };
}
