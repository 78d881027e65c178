/** Who am I on this server: my display name (ResolveNames of my own address) and its version. */
import type { CallOptions, EwsCaller } from '../caller';
import { el, formatServerVersion, type ServerVersionInfo } from '../soap';
import { readResolveNames } from './directory';

export interface WhoAmI {
  smtp: string;
  displayName: string;
  /** e.g. `15.1.2507.6`. */
  serverVersion?: string;
  serverVersionInfo?: ServerVersionInfo;
}

export async function whoami(ews: EwsCaller, options?: CallOptions): Promise<WhoAmI> {
  const body = el(
    'm:ResolveNames',
    { ReturnFullContactData: 'true', SearchScope: 'ActiveDirectory' },
    el('m:UnresolvedEntry', null, ews.smtp),
  );
  const r = await ews.soap('ResolveNames', body, options);
  const result = readResolveNames(r.body);
  const me = ews.smtp.toLowerCase();
  const mine =
    result.resolutions.find((x) => x.mailbox.address.toLowerCase() === me) ??
    result.resolutions.find((x) => x.contact?.emails.some((e) => e.toLowerCase() === me)) ??
    (result.resolutions.length === 1 ? result.resolutions[0] : undefined);
  const out: WhoAmI = {
    smtp: mine?.mailbox.address || ews.smtp,
    displayName: mine?.contact?.displayName ?? mine?.mailbox.name ?? ews.smtp,
  };
  const v = formatServerVersion(r.serverVersion);
  if (v && r.serverVersion) {
    out.serverVersion = v;
    out.serverVersionInfo = r.serverVersion;
  }
  return out;
}
