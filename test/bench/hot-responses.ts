/**
 * The hot EWS answers as the built-in Exchange sends them, recorded once through Roster's own
 * operations, so benches and the fast-reader equivalence test replay the same bytes to every
 * reader: GetUserAvailability (100 mailboxes, ~20 events each), FindItem CalendarView (1,000
 * items), GetItem (50 of them, whole), GetImItemList (alice's ~1,000 personas), FindPeople and
 * ResolveNames.
 */
import type { Authenticator } from '../../main/exchange/auth/types';
import { createCaller } from '../../main/exchange/caller';
import { getUserAvailability, type AvailabilityRequest } from '../../main/exchange/operations/availability';
import { findCalendarView, getCalendarItems, type ItemId } from '../../main/exchange/operations/calendar';
import { findPeople, resolveNames } from '../../main/exchange/operations/directory';
import { getImItemList } from '../../main/exchange/operations/imList';
import { createTransport, type HttpResponse } from '../../main/exchange/transport';
import { DEMO_ACCOUNTS } from '../../main/exchange-sim/org/generate';
import { startExchangeSim } from '../../main/exchange-sim/server';

export const HOT_EPOCH = '2026-11-30T00:00:00.000Z';

export interface HotResponses {
  availability: { text: string; request: AvailabilityRequest };
  calendarView: { text: string; range: { start: string; end: string; max: number } };
  getItem: { text: string; ids: ItemId[] };
  imItemList: { text: string };
  findPeople: { text: string };
  resolveNames: { text: string };
}

/** Starts the built-in Exchange (1,100 people), records each answer's bytes, stops it. */
export async function recordHotResponses(): Promise<HotResponses> {
  const sim = await startExchangeSim({
    httpPort: 0,
    httpsPort: false,
    size: 1100,
    epoch: HOT_EPOCH,
    authSchemes: ['Basic'],
    clock: Date.parse('2026-11-30T09:30:00.000Z'),
  });
  const transport = createTransport({ proxy: false });
  const alice = DEMO_ACCOUNTS.alice;
  let last: Buffer[] = [];
  const basic = `Basic ${Buffer.from(`${alice.smtp}:${alice.password}`).toString('base64')}`;
  const auth: Authenticator = {
    scheme: 'Basic',
    async send(req) {
      const res = await transport.request({ ...req, headers: { ...req.headers, authorization: basic } });
      const recording: HttpResponse = {
        ...res,
        async *chunks(max?: number) {
          last = [];
          for await (const c of res.chunks(max)) {
            last.push(Buffer.from(c));
            yield c;
          }
        },
      };
      return recording;
    },
    close: async () => {},
  };
  const caller = createCaller({ ewsUrl: `${sim.httpUrl ?? ''}/EWS/Exchange.asmx`, smtp: alice.smtp, auth });
  const take = (): string => Buffer.concat(last).toString('utf8');
  try {
    const mailboxes = sim.org.people
      .filter((p) => p.smtp !== alice.smtp)
      .slice(0, 100)
      .map((p) => p.smtp);
    const request: AvailabilityRequest = {
      mailboxes,
      start: '2026-11-30T00:00:00.000Z',
      end: '2027-01-11T00:00:00.000Z',
      view: 'DetailedMerged',
    };
    await getUserAvailability(caller, request);
    const availability = { text: take(), request };
    const range = { start: '2026-11-16T00:00:00.000Z', end: '2026-12-14T00:00:00.000Z', max: 1000 };
    // A full page: alice's calendar topped up to 1,000 items in range with copies of others' items.
    const me = sim.org.people.find((p) => p.smtp === alice.smtp)!;
    const from = Date.parse(range.start);
    const to = Date.parse(range.end);
    const inRange = (c: { start: string; end: string }): boolean =>
      Date.parse(c.end) > from && Date.parse(c.start) < to;
    let n = me.calendar.filter(inRange).length;
    for (const p of sim.org.people) {
      if (p === me) continue;
      for (const c of p.calendar) {
        if (n >= 1000) break;
        if (!inRange(c) || c.isCancelled) continue;
        me.calendar.push({ ...c, id: `${c.id}-copy`, uid: `${c.uid}-copy` });
        n++;
      }
    }
    const view = await findCalendarView(caller, range);
    const calendarView = { text: take(), range };
    const ids = view.items
      .slice(0, 50)
      .map((i) => (i.changeKey ? { id: i.id, changeKey: i.changeKey } : { id: i.id }));
    await getCalendarItems(caller, ids);
    const getItem = { text: take(), ids };
    await getImItemList(caller);
    const imItemList = { text: take() };
    await findPeople(caller, 'a', { max: 1000 });
    const people = { text: take() };
    await resolveNames(caller, 'al');
    const resolved = { text: take() };
    return { availability, calendarView, getItem, imItemList, findPeople: people, resolveNames: resolved };
  } finally {
    await transport.close();
    await sim.close();
  }
}
