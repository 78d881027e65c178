/** The simulator's clock, latency and request counts, over HTTP: what the presence tests and bench lean on. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, generateOrg } from '../../../main/exchange-sim/org/generate';
import { presenceCast } from '../../../main/exchange-sim/org/presence-cast';
import { startExchangeSim, type ExchangeSimHandle } from '../../../main/exchange-sim/server';

const EPOCH = '2026-11-25T00:00:00.000Z';
const org = generateOrg({ seed: 20131, size: 200, epoch: EPOCH });
const cast = presenceCast(org);
let sim: ExchangeSimHandle;

beforeAll(async () => {
  sim = await startExchangeSim({ org, httpsPort: false, clock: cast.at, adminToken: 'test-token' });
});
afterAll(async () => {
  await sim.close();
});

const basic = `Basic ${Buffer.from(`${DEMO_ACCOUNTS.alice.smtp}:${DEMO_ACCOUNTS.alice.password}`).toString('base64')}`;
const envelope = (body: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><s:Header><t:RequestServerVersion Version="Exchange2013"/></s:Header><s:Body>${body}</s:Body></s:Envelope>`;

async function ews(body: string, auth = basic): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  const r = await fetch(`${sim.httpUrl ?? ''}/EWS/Exchange.asmx`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'text/xml; charset=utf-8' },
    body: envelope(body),
  });
  return { status: r.status, text: await r.text(), ms: performance.now() - started };
}

const tips = (to: string): string =>
  `<m:GetMailTips><m:SendingAs><t:EmailAddress>${DEMO_ACCOUNTS.alice.smtp}</t:EmailAddress></m:SendingAs><m:Recipients><t:Mailbox><t:EmailAddress>${to}</t:EmailAddress></t:Mailbox></m:Recipients><m:MailTipsRequested>OutOfOfficeMessage</m:MailTipsRequested></m:GetMailTips>`;
const availability = (addresses: string[]): string =>
  `<m:GetUserAvailabilityRequest><m:MailboxDataArray>${addresses
    .map((a) => `<t:MailboxData><t:Email><t:Address>${a}</t:Address></t:Email></t:MailboxData>`)
    .join(
      '',
    )}</m:MailboxDataArray><t:FreeBusyViewOptions><t:TimeWindow><t:StartTime>2026-11-25T00:00:00</t:StartTime><t:EndTime>2026-11-27T00:00:00</t:EndTime></t:TimeWindow><t:RequestedView>Detailed</t:RequestedView></t:FreeBusyViewOptions></m:GetUserAvailabilityRequest>`;

describe('the simulator’s clock', () => {
  const scheduled = cast.oofWithReply.find(
    (e) => org.people.find((p) => p.smtp === e.smtp)?.oof.state === 'Scheduled',
  );

  it('starts at the instant given and answers MailTips by it; setClock and /_sim/clock move it', async () => {
    expect(sim.control.now()).toBe(Date.parse(cast.at));
    const who = scheduled?.smtp ?? '';
    expect((await ews(tips(who))).text).toContain(scheduled?.reply?.slice(0, 20) ?? '?');

    sim.control.setClock('2030-01-01T00:00:00Z');
    expect((await ews(tips(who))).text).not.toContain(scheduled?.reply?.slice(0, 20) ?? '?');

    const put = await fetch(`${sim.httpUrl ?? ''}/_sim/clock`, {
      method: 'PUT',
      headers: { 'x-sim-token': 'test-token' },
      body: JSON.stringify({ now: cast.at }),
    });
    expect(await put.json()).toEqual({ now: cast.at });
    expect((await ews(tips(who))).text).toContain(scheduled?.reply?.slice(0, 20) ?? '?');

    sim.control.setClock(null);
    expect(Math.abs(sim.control.now() - Date.now())).toBeLessThan(1000);
    sim.control.setClock(cast.at);
  });

  it('expires Bearer tokens by its clock', async () => {
    const issued = sim.control.issueToken(DEMO_ACCOUNTS.alice.smtp, DEMO_ACCOUNTS.alice.password);
    expect((await ews(tips(DEMO_ACCOUNTS.bob.smtp), `Bearer ${issued?.access_token ?? ''}`)).status).toBe(
      200,
    );
    sim.control.setClock(Date.parse(cast.at) + 2 * 3_600_000);
    expect((await ews(tips(DEMO_ACCOUNTS.bob.smtp), `Bearer ${issued?.access_token ?? ''}`)).status).toBe(
      401,
    );
    sim.control.setClock(cast.at);
  });
});

describe('request counts and latency', () => {
  it('counts requests per operation, with or without the Request suffix, and resets with the log', async () => {
    sim.control.clearRequestLog();
    await ews(availability([cast.endingSoon[0]?.smtp ?? '', cast.notShared[0]?.smtp ?? '']));
    await ews(availability([cast.free[0]?.smtp ?? '']));
    await ews(tips(DEMO_ACCOUNTS.bob.smtp));
    await ews(tips(DEMO_ACCOUNTS.bob.smtp), 'Basic d3Jvbmc6d3Jvbmc='); // 401: not counted
    expect(sim.control.requestCount('GetUserAvailability')).toBe(2);
    expect(sim.control.requestCount('GetUserAvailabilityRequest')).toBe(2);
    expect(sim.control.requestCount('GetMailTips')).toBe(1);
    expect(sim.control.requestCount()).toBe(3);
    sim.control.clearRequestLog();
    expect(sim.control.requestCount('GetUserAvailability')).toBe(0);
  });

  it('adds latencyMs once per EWS request', async () => {
    sim.control.setFaults({ latencyMs: 300 });
    try {
      const r = await ews(tips(DEMO_ACCOUNTS.bob.smtp));
      expect(r.status).toBe(200);
      expect(r.ms).toBeGreaterThanOrEqual(295);
      const entry = sim.control.requestLog().at(-1);
      expect(entry?.fault).toBe('latency');
      // Applied once: twice would be at least 600 ms.
      expect(entry?.durationMs ?? 0).toBeLessThan(590);
    } finally {
      sim.control.resetFaults();
    }
  });
});
