/** Interop: a third-party client (ews-javascript-api's AutodiscoverService) reads our SOAP autodiscover. */
import {
  AutodiscoverErrorCode,
  AutodiscoverService,
  ExchangeVersion,
  Uri,
  UserSettingName,
  WebCredentials,
} from 'ews-javascript-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, generateOrg } from '../../../main/exchange-sim/org/generate';
import { startExchangeSim, type ExchangeSimHandle } from '../../../main/exchange-sim/server';

let sim: ExchangeSimHandle;
beforeAll(async () => {
  sim = await startExchangeSim({
    org: generateOrg({ seed: 13, size: 30, epoch: '2026-11-25T00:00:00Z' }),
    httpsPort: false,
    authSchemes: ['Basic'],
  });
});
afterAll(() => sim.close());

function service(password: string = DEMO_ACCOUNTS.alice.password): AutodiscoverService {
  const ad = new AutodiscoverService(
    new Uri(`${sim.httpUrl ?? ''}/autodiscover/autodiscover.svc`),
    ExchangeVersion.Exchange2013,
  );
  ad.Credentials = new WebCredentials(DEMO_ACCOUNTS.alice.smtp, password);
  return ad;
}

describe('ews-javascript-api AutodiscoverService against the simulator', () => {
  it('gets user settings', async () => {
    const r = await service().GetUserSettings(DEMO_ACCOUNTS.alice.smtp, [
      UserSettingName.UserDisplayName,
      UserSettingName.ExternalEwsUrl,
      UserSettingName.CasVersion,
    ]);
    expect(r.ErrorCode).toBe(AutodiscoverErrorCode.NoError);
    expect(r.Settings.get(UserSettingName.UserDisplayName)).toBe('Alice Martin');
    expect(r.Settings.get(UserSettingName.ExternalEwsUrl)).toBe(`${sim.httpUrl ?? ''}/EWS/Exchange.asmx`);
    expect(String(r.Settings.get(UserSettingName.CasVersion))).toMatch(/^15\./);
  });

  it('reports an unknown user per user, next to a known one', async () => {
    const r = await service().GetUsersSettings(
      ['ghost@contoso.test', DEMO_ACCOUNTS.bob.smtp],
      UserSettingName.UserDisplayName,
    );
    expect(r.Count).toBe(2);
    const [ghost, bob] = [r.__thisIndexer(0), r.__thisIndexer(1)];
    expect(ghost.ErrorCode).toBe(AutodiscoverErrorCode.InvalidUser);
    expect(bob.ErrorCode).toBe(AutodiscoverErrorCode.NoError);
    expect(bob.Settings.get(UserSettingName.UserDisplayName)).toBe(DEMO_ACCOUNTS.bob.displayName);
  });

  it('fails with the wrong password (HTTP 401, not a SOAP fault)', async () => {
    await expect(
      service('wrong').GetUserSettings(DEMO_ACCOUNTS.alice.smtp, [UserSettingName.UserDisplayName]),
    ).rejects.toBeDefined();
    expect(sim.control.requestLog().at(-1)).toMatchObject({
      path: '/autodiscover/autodiscover.svc',
      status: 401,
    });
  });
});
