/**
 * GetServerTimeZones: the Windows time zones this server knows, by id and display name, or with
 * their full definition (periods, one yearly transitions group, the transition to it) when
 * ReturnFullTimeZoneData is true or absent (clients built on the EWS Managed API leave it out
 * and expect full data). The rules are this year's, read from the zone's IANA rules.
 */
import { callNow } from './types';
import { EwsError, batchResponse, errorMessage, responseMessage, type RequestContext } from './soap';
import { DAY_NAMES, SERVER_TIME_ZONES, legacyFromIana, type ServerTimeZone, type Transition } from './tz';
import { child, children, el, leaf, type XNode } from './xml';

/** xs:duration of a signed number of minutes, as Exchange writes biases (PT5H, -PT5H30M, PT0H). */
export function durationOfMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `${sign}PT${h}H${m ? `${m}M` : ''}`;
}

/** xs:duration of a wall time "HH:MM:SS" (the transition's time of day: PT2H, PT1H30M). */
function timeOffset(time: string): string {
  const [h = 0, m = 0, s = 0] = time.split(':').map(Number);
  const parts = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `PT${parts || '0H'}`;
}

function recurringDay(to: string, t: Transition): string {
  return el(
    't:RecurringDayTransition',
    undefined,
    leaf('t:To', to, { Kind: 'Period' }),
    leaf('t:TimeOffset', timeOffset(t.time)),
    leaf('t:Month', t.month),
    leaf('t:DayOfWeek', DAY_NAMES[t.dayOfWeek] ?? 'Sunday'),
    leaf('t:Occurrence', t.dayOrder >= 5 ? -1 : t.dayOrder),
  );
}

function definitionXml(zone: ServerTimeZone, full: boolean, year: number): string {
  const attrs = { Id: zone.id, Name: zone.name };
  if (!full) return el('t:TimeZoneDefinition', attrs);
  const rule = legacyFromIana(zone.iana, year);
  const std = rule.standard;
  const dst = rule.daylight;
  const hasDst = !!std && !!dst && std.month !== 0 && dst.month !== 0 && std.bias !== dst.bias;
  const key = `trule:Microsoft/Registry/${zone.id.replace(/\s+/g, '')}/${year}`;
  const standardId = `${key}-Standard`;
  const daylightId = `${key}-Daylight`;
  const periods = [
    el('t:Period', {
      Bias: durationOfMinutes(rule.bias + (std?.bias ?? 0)),
      Name: 'Standard',
      Id: standardId,
    }),
    hasDst
      ? el('t:Period', { Bias: durationOfMinutes(rule.bias + dst.bias), Name: 'Daylight', Id: daylightId })
      : '',
  ];
  const group = hasDst
    ? [recurringDay(daylightId, dst), recurringDay(standardId, std)]
    : [el('t:Transition', undefined, leaf('t:To', standardId, { Kind: 'Period' }))];
  return el(
    't:TimeZoneDefinition',
    attrs,
    el('t:Periods', undefined, ...periods),
    el('t:TransitionsGroups', undefined, el('t:TransitionsGroup', { Id: 0 }, ...group)),
    el('t:Transitions', undefined, el('t:Transition', undefined, leaf('t:To', 0, { Kind: 'Group' }))),
  );
}

export function getServerTimeZones(ctx: RequestContext, req: XNode): string {
  const flag = req.attrs.ReturnFullTimeZoneData?.trim();
  const full = flag !== 'false' && flag !== '0';
  const idsNode = child(req, 'Ids');
  const year = new Date(callNow(ctx.call)).getUTCFullYear();
  let zones: readonly ServerTimeZone[] = SERVER_TIME_ZONES;
  if (idsNode) {
    const wanted = children(idsNode, 'Id').map((n) => n.text.trim());
    const found = wanted.map((id) => SERVER_TIME_ZONES.find((z) => z.id === id));
    const missing = wanted.find((_, i) => found[i] === undefined);
    if (missing !== undefined) {
      return batchResponse('GetServerTimeZones', [
        errorMessage(
          'GetServerTimeZones',
          new EwsError('ErrorTimeZone', `The time zone '${missing}' is not valid.`),
        ),
      ]);
    }
    zones = found.filter((z): z is ServerTimeZone => z !== undefined);
  }
  const definitions = el(
    'm:TimeZoneDefinitions',
    undefined,
    ...zones.map((z) => definitionXml(z, full, year)),
  );
  return batchResponse('GetServerTimeZones', [
    responseMessage('GetServerTimeZones', 'Success', 'NoError', definitions),
  ]);
}
