/**
 * Who is calling: Basic, NTLM (bound to the TCP socket, like IIS) and Bearer tokens from /oauth2/token.
 * Negotiate is never offered: the simulator cannot do Kerberos.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Org, Person } from '../org/types';
import {
  createType2,
  isType1,
  messageType,
  ntlmPayload,
  parseType3,
  verifyNtlmV2,
  type NtlmServerNames,
} from './ntlm';

export type AuthScheme = 'NTLM' | 'Basic' | 'Bearer';

export type AuthResult =
  | { ok: true; person: Person; scheme: AuthScheme }
  /** Answer 401 with these WWW-Authenticate values. */
  | { ok: false; challenges: string[] };

/** Find an account by smtp / proxy address, UPN, `DOMAIN\sam` or bare sam (case-insensitive). */
export function findAccount(org: Org, userName: string, domain = ''): Person | undefined {
  const name = userName.trim().toLowerCase();
  if (!name) return undefined;
  if (name.includes('@')) {
    return org.people.find(
      (p) =>
        p.smtp.toLowerCase() === name ||
        p.upn.toLowerCase() === name ||
        p.aliases.some((a) => a.toLowerCase() === name),
    );
  }
  let dom = domain.trim().toLowerCase();
  let sam = name;
  const slash = name.indexOf('\\');
  if (slash >= 0) {
    dom = name.slice(0, slash);
    sam = name.slice(slash + 1);
  }
  if (dom && dom !== org.netbiosDomain.toLowerCase() && dom !== org.domain.toLowerCase()) return undefined;
  return org.people.find((p) => p.samAccountName.toLowerCase().split('\\').pop() === sam);
}

interface BearerToken {
  personId: string;
  expiresAt: number;
}

export interface TokenIssue {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export class Authenticator {
  /** Identity bound to a keep-alive socket after an NTLM handshake. */
  private readonly bound = new WeakMap<Socket, string>();
  /** Challenge sent on this socket, waiting for its type 3. */
  private readonly pending = new WeakMap<Socket, Buffer>();
  private readonly tokens = new Map<string, BearerToken>();

  constructor(
    private readonly getOrg: () => Org,
    private readonly schemes: AuthScheme[],
    private readonly realm: string,
    private readonly tokenLifetimeSec = 3600,
    /** The simulator's clock, for Bearer token expiry. */
    private readonly now: () => number = Date.now,
  ) {}

  private get names(): NtlmServerNames {
    const org = this.getOrg();
    return {
      netbiosDomain: org.netbiosDomain,
      netbiosComputer: 'MAIL',
      dnsDomain: org.domain,
      dnsComputer: `mail.${org.domain}`,
    };
  }

  /** The plain challenges (no NTLM token) for an anonymous or failed request. */
  challenges(): string[] {
    const out: string[] = [];
    for (const s of this.schemes) {
      if (s === 'NTLM') out.push('NTLM');
      else if (s === 'Basic') out.push(`Basic realm="${this.realm}"`);
      else out.push(`Bearer realm="${this.realm}"`);
    }
    return out;
  }

  private byId(id: string): Person | undefined {
    return this.getOrg().people.find((p) => p.id === id);
  }

  authenticate(req: IncomingMessage): AuthResult {
    const socket = req.socket;
    const header = req.headers.authorization;
    const fail: AuthResult = { ok: false, challenges: this.challenges() };
    if (!header) {
      const id = this.bound.get(socket);
      const person = id ? this.byId(id) : undefined;
      return person ? { ok: true, person, scheme: 'NTLM' } : fail;
    }
    const space = header.indexOf(' ');
    const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
    const value = space < 0 ? '' : header.slice(space + 1).trim();

    if (scheme === 'basic' && this.schemes.includes('Basic')) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return fail;
      const person = findAccount(this.getOrg(), decoded.slice(0, colon));
      return person && person.password === decoded.slice(colon + 1)
        ? { ok: true, person, scheme: 'Basic' }
        : fail;
    }

    if (scheme === 'bearer') {
      const t = this.tokens.get(value);
      if (!t) return fail;
      if (t.expiresAt <= this.now()) {
        this.tokens.delete(value);
        return fail;
      }
      const person = this.byId(t.personId);
      return person ? { ok: true, person, scheme: 'Bearer' } : fail;
    }

    if ((scheme === 'ntlm' || scheme === 'negotiate') && this.schemes.includes('NTLM')) {
      const msg = ntlmPayload(header);
      if (!msg) return fail;
      if (isType1(msg)) {
        // A new handshake drops whatever this socket was bound to.
        this.bound.delete(socket);
        const challenge = randomBytes(8);
        this.pending.set(socket, challenge);
        // Answer in the scheme the client used (raw NTLM inside Negotiate gets a Negotiate answer).
        const prefix = scheme === 'negotiate' ? 'Negotiate' : 'NTLM';
        return {
          ok: false,
          challenges: [`${prefix} ${createType2(this.names, challenge).toString('base64')}`],
        };
      }
      if (messageType(msg) === 3) {
        const challenge = this.pending.get(socket);
        this.pending.delete(socket);
        if (!challenge) return fail;
        try {
          const t3 = parseType3(msg);
          const person = findAccount(this.getOrg(), t3.user, t3.domain);
          if (person && verifyNtlmV2(t3, challenge, person.password)) {
            this.bound.set(socket, person.id);
            return { ok: true, person, scheme: 'NTLM' };
          }
        } catch {
          return fail;
        }
      }
      return fail;
    }
    return fail;
  }

  /** Resource-owner password grant: the caller's own password for an opaque, expiring token. */
  issueToken(userName: string, password: string): TokenIssue | null {
    const person = findAccount(this.getOrg(), userName);
    if (!person || person.password !== password) return null;
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { personId: person.id, expiresAt: this.now() + this.tokenLifetimeSec * 1000 });
    return { access_token: token, token_type: 'Bearer', expires_in: this.tokenLifetimeSec };
  }

  /** For tests: make every issued token expire now. */
  expireTokens(): void {
    for (const t of this.tokens.values()) t.expiresAt = 0;
  }
}
