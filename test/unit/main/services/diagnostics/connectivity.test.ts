import { describe, expect, it } from 'vitest';
import { probeTargets, runProbes } from '../../../../../main/services/diagnostics/connectivity';
import type { HttpRequest, HttpResponse, HttpSender } from '../../../../../main/exchange/transport';
import { zipBundle } from '../../../../../main/services/diagnostics/bundle';
import { strFromU8, unzipSync } from 'fflate';

describe('probeTargets', () => {
  it.each([
    [
      { email: 'alice@Contoso.com', ewsUrl: 'https://mail.contoso.com/EWS/Exchange.asmx?x=1' },
      [
        ['autodiscover', 'https://autodiscover.contoso.com/autodiscover/autodiscover.xml'],
        ['ews', 'https://mail.contoso.com/EWS/Exchange.asmx'],
        ['ucwa', 'https://mail.contoso.com/autodiscover/autodiscoverservice.svc/root'],
      ],
    ],
    [
      { email: 'alice@contoso.com' },
      [['autodiscover', 'https://autodiscover.contoso.com/autodiscover/autodiscover.xml']],
    ],
    [
      { email: 'alice@contoso.com', ewsUrl: 'not a url' },
      [['autodiscover', 'https://autodiscover.contoso.com/autodiscover/autodiscover.xml']],
    ],
  ])('%o → autodiscover, EWS (no query), UCWA beside EWS', (account, expected) => {
    expect(probeTargets(account).map((t) => [t.name, t.url])).toEqual(expected);
  });
});

describe('runProbes', () => {
  it('any HTTP answer is reachable (401 included); no answer says why; each is timed; no credential is sent', async () => {
    const seen: HttpRequest[] = [];
    let t = 0;
    const sender: HttpSender = {
      request(req) {
        seen.push(req);
        t += 15;
        if (req.url.includes('autodiscover.'))
          return Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
        return Promise.resolve({
          status: req.url.includes('svc/root') ? 200 : 401,
          discard: () => Promise.resolve(),
        } as unknown as HttpResponse);
      },
    };
    const results = await runProbes(
      probeTargets({ email: 'a@contoso.com', ewsUrl: 'https://mail.contoso.com/EWS/Exchange.asmx' }),
      sender,
      { now: () => t },
    );
    expect(results.map((r) => [r.name, r.reachable, r.status ?? r.error])).toEqual([
      ['autodiscover', false, 'ENOTFOUND'],
      ['ews', true, 401],
      ['ucwa', true, 200],
    ]);
    expect(results.every((r) => r.durationMs >= 0)).toBe(true);
    expect(seen.every((r) => r.method === 'GET' && r.headers === undefined)).toBe(true);
  });
});

describe('zipBundle', () => {
  it('redacts every file on the way in', () => {
    const zip = zipBundle(
      [{ name: 'logs/roster.log', text: 'Authorization: Basic YWxpY2U6c2VjcmV0MTIz\n' }],
      new Date('2026-11-30T10:00:00Z'),
    );
    const text = strFromU8(unzipSync(zip)['logs/roster.log'] ?? new Uint8Array());
    expect(text).toBe('Authorization: [REDACTED]\n');
  });
});
