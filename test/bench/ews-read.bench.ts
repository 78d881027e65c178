/**
 * The hot EWS answers (issue 22), the same recorded bytes to every reader, interleaved:
 * Roster's whole call vs ews-javascript-api's whole call, both served from loopback; Roster's read
 * vs the generic-tree read it replaced, bare saxes tokenizing, Roster's own scanner alone
 * (main/exchange/xml-scan.ts, which replaced saxes in the client) and fast-xml-parser's tree.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import {
  AttendeeInfo,
  AvailabilityData,
  AvailabilityOptions,
  CalendarView,
  DateTime,
  ExchangeService,
  ExchangeVersion,
  FreeBusyViewType,
  TimeWindow,
  Uri,
  WebCredentials,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { XMLParser } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import type { Authenticator } from '../../main/exchange/auth/types';
import { createCaller } from '../../main/exchange/caller';
import { getUserAvailability, readAvailability } from '../../main/exchange/operations/availability';
import { findCalendarView, readCalendarItem } from '../../main/exchange/operations/calendar';
import {
  getImItemList,
  linkMembers,
  readImGroup,
  readImItemList,
  type ImGroup,
} from '../../main/exchange/operations/imList';
import { readPersona, type Persona } from '../../main/exchange/operations/persona';
import { fastFreeBusyViews } from '../../main/exchange/fast/availability';
import { FAST_CALENDAR_ITEM, fastCalendarItems } from '../../main/exchange/fast/calendar';
import { FAST_IM_GROUP, FAST_PERSONA, fastImItems } from '../../main/exchange/fast/persona';
import { child, parseSoapResponse, singleResponse } from '../../main/exchange/soap';
import { createTransport } from '../../main/exchange/transport';
import { XmlScanner } from '../../main/exchange/xml-scan';
import type { BenchFigure } from './figure';
import { recordHotResponses } from './hot-responses';
import { interleaved } from './interleave';

const WHOLE_ROUNDS = 15;
const READ_ROUNDS = 31;

function saxesTokenize(text: string): void {
  const p = new SaxesParser({ xmlns: false, position: false });
  let n = 0;
  p.on('opentag', () => void n++);
  p.on('text', () => void n++);
  p.on('closetag', () => void n++);
  p.write(text).close();
}

/** Roster's own scanner (main/exchange/xml-scan.ts), counting events like saxesTokenize. */
function scanTokenize(text: string): void {
  let n = 0;
  const s = new XmlScanner({ open: () => void n++, text: () => void n++, close: () => void n++ });
  s.write(text);
  s.close();
}

async function serve(texts: Record<string, string>): Promise<{ url: string; close: () => Promise<void> }> {
  // Encoded once: the server's own work is neither client's.
  const answers = Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, Buffer.from(v, 'utf8')]));
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => void parts.push(c));
    req.on('end', () => {
      // ews-javascript-api sends no SOAPAction: the operation is the body's first element.
      const body = Buffer.concat(parts).toString('utf8');
      const op = /<(?:\w+:)?Body[^>]*>\s*<(?:\w+:)?(\w+)/.exec(body)?.[1] ?? '';
      const answer = answers[op.replace(/Request$/, '')];
      if (answer === undefined) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`no answer for ${op}`);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(answer);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/EWS/Exchange.asmx`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

export default async function bench(): Promise<BenchFigure[]> {
  const hot = await recordHotResponses();
  const av = hot.availability;
  const cv = hot.calendarView;
  const im = hot.imItemList;
  const server = await serve({
    GetUserAvailability: av.text,
    FindItem: cv.text,
    GetImItemList: im.text,
  });
  const transport = createTransport({ proxy: false });
  const auth: Authenticator = { scheme: 'none', send: (r) => transport.request(r), close: async () => {} };
  const caller = createCaller({ ewsUrl: server.url, smtp: 'alice@contoso.test', auth });
  const peer = new ExchangeService(ExchangeVersion.Exchange2013);
  peer.Credentials = new WebCredentials('alice@contoso.test', 'unused');
  peer.Url = new Uri(server.url);
  const attendees = av.request.mailboxes.map((m) => new AttendeeInfo(m));
  const window = new TimeWindow(
    new DateTime(Date.parse(av.request.start)),
    new DateTime(Date.parse(av.request.end)),
  );
  const peerOptions = new AvailabilityOptions();
  peerOptions.RequestedFreeBusyView = FreeBusyViewType.DetailedMerged;
  peerOptions.MergedFreeBusyInterval = 30;
  const fxp = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true });
  const figures: BenchFigure[] = [];
  const mb = (s: string): string => `${(Buffer.byteLength(s) / 1e6).toFixed(2)} MB`;

  try {
    // Both clients must read the same things before they are timed.
    const mine = await getUserAvailability(caller, av.request);
    const theirs = await peer.GetUserAvailability(attendees, window, AvailabilityData.FreeBusy, peerOptions);
    const events = mine.reduce((n, m) => n + m.events.length, 0);
    let peerEvents = 0;
    for (let i = 0; i < theirs.AttendeesAvailability.Count; i++)
      peerEvents += theirs.AttendeesAvailability.__thisIndexer(i).CalendarEvents.length;
    if (events !== peerEvents || events === 0)
      throw new Error(`availability: Roster read ${events} events, ews-javascript-api ${peerEvents}`);
    const myItems = (await findCalendarView(caller, cv.range)).items.length;
    const theirItems = (
      await peer.FindAppointments(
        WellKnownFolderName.Calendar,
        new CalendarView(
          new DateTime(Date.parse(cv.range.start)),
          new DateTime(Date.parse(cv.range.end)),
          cv.range.max,
        ),
      )
    ).Items.length;
    if (myItems !== theirItems || myItems === 0)
      throw new Error(`calendar: Roster read ${myItems} items, ews-javascript-api ${theirItems}`);
    const personas = (await getImItemList(caller)).personas.length;

    const perMailbox = Math.round(events / av.request.mailboxes.length);
    const rows: Array<{
      label: string;
      text: string;
      whole: Record<string, () => Promise<unknown>>;
      read: () => unknown;
      tree: () => unknown;
    }> = [
      {
        label: `GetUserAvailability ${av.request.mailboxes.length}×${perMailbox}`,
        text: av.text,
        whole: {
          roster: () => getUserAvailability(caller, av.request),
          peer: () => peer.GetUserAvailability(attendees, window, AvailabilityData.FreeBusy, peerOptions),
        },
        read: () =>
          readAvailability(
            parseSoapResponse(av.text, 200, undefined, fastFreeBusyViews()).body,
            av.request.mailboxes,
          ),
        tree: () => readAvailability(parseSoapResponse(av.text).body, av.request.mailboxes),
      },
      {
        label: `FindItem CalendarView ${myItems.toLocaleString('en')} items`,
        text: cv.text,
        whole: {
          roster: () => findCalendarView(caller, cv.range),
          peer: () =>
            peer.FindAppointments(
              WellKnownFolderName.Calendar,
              new CalendarView(
                new DateTime(Date.parse(cv.range.start)),
                new DateTime(Date.parse(cv.range.end)),
                cv.range.max,
              ),
            ),
        },
        read: () => {
          const msg = singleResponse(parseSoapResponse(cv.text, 200, undefined, fastCalendarItems()).body);
          return child(child(msg.element, 'RootFolder'), 'Items')?.children.map(
            FAST_CALENDAR_ITEM.or(readCalendarItem),
          );
        },
        tree: () => {
          const msg = singleResponse(parseSoapResponse(cv.text).body);
          return child(child(msg.element, 'RootFolder'), 'Items')?.children.map(readCalendarItem);
        },
      },
      {
        label: `GetImItemList ${personas.toLocaleString('en')} personas`,
        text: im.text,
        whole: { roster: () => getImItemList(caller) },
        read: () => {
          const groups: ImGroup[] = [];
          const personas: Persona[] = [];
          parseSoapResponse(
            im.text,
            200,
            {
              ImGroup: (e) => void groups.push(FAST_IM_GROUP.or(readImGroup)(e)),
              Persona: (e) => void personas.push(FAST_PERSONA.or(readPersona)(e)),
            },
            fastImItems(),
          );
          linkMembers(groups, personas);
          return personas;
        },
        tree: () => readImItemList(parseSoapResponse(im.text).body),
      },
    ];

    for (const row of rows) {
      const whole = await interleaved(row.whole, WHOLE_ROUNDS);
      const roster = whole.roster!.median;
      const theirMs = whole.peer?.median;
      figures.push({
        name: `${row.label} whole call (${mb(row.text)})`,
        value: roster,
        unit: 'ms',
        iterations: WHOLE_ROUNDS,
        ...(theirMs !== undefined
          ? {
              line: `${row.label}: Roster ${fmt(roster)} ms, ews-javascript-api ${fmt(theirMs)} ms, ${(theirMs / roster).toFixed(1)}× faster (whole call from loopback, ${mb(row.text)})`,
              goal: '≥ 10× on GetUserAvailability and FindItem',
              sideBySide: { roster, 'ews-javascript-api': theirMs },
            }
          : {
              line: `${row.label}: Roster ${fmt(roster)} ms, ews-javascript-api has no such call (whole call from loopback, ${mb(row.text)})`,
              sideBySide: { roster },
            }),
      });
      const read = await interleaved(
        {
          roster: row.read,
          tree: row.tree,
          saxes: () => saxesTokenize(row.text),
          scan: () => scanTokenize(row.text),
          fxp: () => fxp.parse(row.text) as unknown,
        },
        READ_ROUNDS,
      );
      const r = read.roster.median;
      const s = read.saxes.median;
      figures.push({
        name: `${row.label} read`,
        value: r / s,
        unit: '×',
        iterations: READ_ROUNDS,
        goal: '≤ 1.5× saxes',
        line:
          `${row.label} read: Roster ${fmt(r)} ms = ${(r / s).toFixed(2)}× bare saxes tokenize ${fmt(s)} ms; ` +
          `generic tree + reader ${fmt(read.tree.median)} ms (${(read.tree.median / s).toFixed(2)}×); ` +
          `fast-xml-parser tree ${fmt(read.fxp.median)} ms (${(read.fxp.median / s).toFixed(2)}×); ` +
          `Roster's scanner alone ${fmt(read.scan.median)} ms (${(s / read.scan.median).toFixed(1)}× faster than saxes)`,
        sideBySide: {
          roster: r,
          'generic tree + reader': read.tree.median,
          'saxes tokenize': s,
          "Roster's scanner alone": read.scan.median,
          'fast-xml-parser tree': read.fxp.median,
        },
      });
    }
  } finally {
    await transport.close();
    await server.close();
  }
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  for (const f of await bench()) console.log(f.line ?? `${f.name}: ${f.value} ${f.unit}`);
