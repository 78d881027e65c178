/** Directory operations: ResolveNames, ExpandDL, FindPeople (directory and the mailbox's contacts). */
import type { DistributionGroup, Org, Person } from '../org/types';
import { decodeId } from './ids';
import { DIRECTORY_OWNER, directoryPersonaXml, imPersonaXml, mailboxXml } from './persona';
import { lyncContactsFolderId } from './folders';
import {
  EXCHANGE2013,
  EwsError,
  EwsFault,
  batchResponse,
  errorMessage,
  responseMessage,
  singleResponse,
  type RequestContext,
} from './soap';
import { child, el, leaf, textAt, type XNode } from './xml';

export const RESOLVE_NAMES_MAX = 100;

function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function words(s: string | undefined): string[] {
  return s
    ? fold(s)
        .split(/[\s,.\-'’]+/u)
        .filter((w) => w !== '')
    : [];
}

interface Folded {
  sig: string;
  addresses: string[];
  display: string;
  nameWords: string[];
}
const foldedCache = new WeakMap<Person, Folded>();

/** A person's searchable strings, folded once (and again whenever one of them changes). */
function folded(p: Person): Folded {
  const sig = `${p.displayName}\u0000${p.givenName}\u0000${p.surname}\u0000${p.smtp}\u0000${p.aliases.join(',')}\u0000${p.upn}\u0000${p.samAccountName}`;
  const hit = foldedCache.get(p);
  if (hit?.sig === sig) return hit;
  const f: Folded = {
    sig,
    addresses: [p.smtp, ...p.aliases, p.upn, p.samAccountName.split('\\').pop() ?? ''].map(fold),
    display: fold(p.displayName),
    nameWords: [...words(p.displayName), ...words(p.givenName), ...words(p.surname)],
  };
  foldedCache.set(p, f);
  return f;
}

/** Exchange ANR, in the part clients rely on: each query word prefixes a name word, or the query prefixes an address. */
function personMatcher(query: string): (p: Person) => boolean {
  const q = fold(query.trim());
  const qWords = words(query);
  if (q === '') return () => false;
  return (p) => {
    const f = folded(p);
    if (f.addresses.some((a) => a.startsWith(q)) || f.display.startsWith(q)) return true;
    return qWords.length > 0 && qWords.every((w) => f.nameWords.some((n) => n.startsWith(w)));
  };
}

function groupMatches(g: DistributionGroup, query: string): boolean {
  const q = fold(query.trim());
  if (q === '') return false;
  if (fold(g.smtp).startsWith(q) || fold(g.displayName).startsWith(q)) return true;
  const qWords = words(query);
  const nameWords = words(g.displayName);
  return qWords.length > 0 && qWords.every((w) => nameWords.some((n) => n.startsWith(w)));
}

function exactAddress(org: Org, query: string): Person | DistributionGroup | undefined {
  const q = query
    .trim()
    .toLowerCase()
    .replace(/^(smtp|sip):/, '');
  if (!q.includes('@')) return undefined;
  return (
    org.people.find((p) => p.smtp.toLowerCase() === q || p.aliases.some((a) => a.toLowerCase() === q)) ??
    org.groups.find((g) => g.smtp.toLowerCase() === q)
  );
}

function isPerson(x: Person | DistributionGroup): x is Person {
  return 'givenName' in x;
}

function contactXml(p: Person): string {
  const phones = [
    p.businessPhone !== undefined ? leaf('t:Entry', p.businessPhone, { Key: 'BusinessPhone' }) : '',
    p.mobilePhone !== undefined ? leaf('t:Entry', p.mobilePhone, { Key: 'MobilePhone' }) : '',
  ].join('');
  return el(
    't:Contact',
    undefined,
    leaf('t:DisplayName', p.displayName),
    leaf('t:GivenName', p.givenName),
    leaf('t:CompanyName', p.company),
    el(
      't:EmailAddresses',
      undefined,
      leaf('t:Entry', `SMTP:${p.smtp}`, { Key: 'EmailAddress1' }),
      p.aliases[0] !== undefined ? leaf('t:Entry', `smtp:${p.aliases[0]}`, { Key: 'EmailAddress2' }) : '',
      leaf('t:Entry', `SIP:${p.sip.replace(/^sip:/i, '')}`, {
        Key: p.aliases[0] !== undefined ? 'EmailAddress3' : 'EmailAddress2',
      }),
    ),
    phones !== '' ? el('t:PhoneNumbers', undefined, phones) : '',
    leaf('t:ContactSource', 'ActiveDirectory'),
    leaf('t:Department', p.department),
    leaf('t:JobTitle', p.title),
    leaf('t:OfficeLocation', p.office),
    leaf('t:Surname', p.surname),
  );
}

export function resolveNames(ctx: RequestContext, req: XNode): string {
  const { org } = ctx.call;
  const entry = textAt(req, 'UnresolvedEntry') ?? '';
  const full = req.attrs.ReturnFullContactData === 'true';
  const scope = req.attrs.SearchScope ?? 'ActiveDirectoryContacts';
  if (entry === '') {
    return batchResponse('ResolveNames', [
      errorMessage('ResolveNames', new EwsError('ErrorNameResolutionNoResults')),
    ]);
  }
  const searchesDirectory = scope !== 'Contacts';
  let found: (Person | DistributionGroup)[] = [];
  if (searchesDirectory) {
    const exact = exactAddress(org, entry);
    if (exact) found = [exact];
    else {
      found = [
        ...org.people.filter(personMatcher(entry)),
        ...org.groups.filter((g) => groupMatches(g, entry)),
      ];
      found.sort((a, b) => a.displayName.localeCompare(b.displayName));
    }
  }
  if (found.length === 0) {
    return batchResponse('ResolveNames', [
      errorMessage('ResolveNames', new EwsError('ErrorNameResolutionNoResults')),
    ]);
  }
  const shown = found.slice(0, RESOLVE_NAMES_MAX);
  const resolutions = shown.map((x) =>
    isPerson(x)
      ? el('t:Resolution', undefined, mailboxXml(x.displayName, x.smtp, 'Mailbox'), full ? contactXml(x) : '')
      : el('t:Resolution', undefined, mailboxXml(x.displayName, x.smtp, 'PublicDL')),
  );
  const set = el(
    'm:ResolutionSet',
    { TotalItemsInView: shown.length, IncludesLastItemInRange: shown.length === found.length },
    ...resolutions,
  );
  const message =
    found.length > 1
      ? responseMessage(
          'ResolveNames',
          'Warning',
          'ErrorNameResolutionMultipleResults',
          set,
          new EwsError('ErrorNameResolutionMultipleResults'),
        )
      : responseMessage('ResolveNames', 'Success', 'NoError', set);
  return batchResponse('ResolveNames', [message]);
}

export function expandDl(ctx: RequestContext, req: XNode): string {
  const { org } = ctx.call;
  const mailbox = child(req, 'Mailbox');
  const address = textAt(mailbox, 'EmailAddress') ?? '';
  const group = org.groups.find(
    (g) =>
      g.smtp.toLowerCase() ===
      address
        .trim()
        .toLowerCase()
        .replace(/^smtp:/, ''),
  );
  if (!group) {
    return batchResponse('ExpandDL', [
      errorMessage('ExpandDL', new EwsError('ErrorNameResolutionNoResults')),
    ]);
  }
  const members: string[] = [];
  for (const m of group.members) {
    const lower = m.toLowerCase();
    const p = org.people.find((x) => x.smtp.toLowerCase() === lower);
    if (p) {
      members.push(mailboxXml(p.displayName, p.smtp, 'Mailbox'));
      continue;
    }
    const g = org.groups.find((x) => x.smtp.toLowerCase() === lower);
    members.push(g ? mailboxXml(g.displayName, g.smtp, 'PublicDL') : mailboxXml(m, m, 'Contact'));
  }
  const expansion = el(
    'm:DLExpansion',
    { TotalItemsInView: members.length, IncludesLastItemInRange: true },
    ...members,
  );
  return batchResponse('ExpandDL', [responseMessage('ExpandDL', 'Success', 'NoError', expansion)]);
}

export const FIND_PEOPLE_MAX_PAGE = 1000;

export function findPeople(ctx: RequestContext, req: XNode): string {
  if (ctx.rank < EXCHANGE2013) throw new EwsFault('ErrorIncorrectSchemaVersion');
  const { org } = ctx.call;
  const view = child(req, 'IndexedPageItemView');
  if (!view) {
    return singleResponse(
      'FindPeople',
      '',
      new EwsError('ErrorInvalidRequest', 'A paging view is required.'),
    );
  }
  const max = Number(view.attrs.MaxEntriesReturned ?? 'NaN');
  const offset = Number(view.attrs.Offset ?? '0');
  const basePoint = view.attrs.BasePoint ?? 'Beginning';
  if (!Number.isInteger(max) || max < 1 || !Number.isInteger(offset) || offset < 0) {
    return singleResponse('FindPeople', '', new EwsError('ErrorInvalidIndexedPagingParameters'));
  }
  const query = textAt(req, 'QueryString') ?? '';
  const parent = child(req, 'ParentFolderId');
  const dist = child(parent, 'DistinguishedFolderId')?.attrs.Id;
  const inDirectory = child(parent, 'AddressListId') !== undefined || dist === 'directory';

  let rows: { sortKey: string; xml: () => string }[];
  if (inDirectory) {
    const people = query === '' ? org.people : org.people.filter(personMatcher(query));
    rows = people.map((p) => ({ sortKey: p.displayName, xml: () => directoryPersonaXml(org, p) }));
  } else {
    if (parent) {
      const fid = child(parent, 'FolderId')?.attrs.Id;
      const decoded = fid !== undefined ? decodeId(fid) : undefined;
      const okDistinguished = dist === 'contacts';
      const okFolder = decoded?.kind === 'folder' && decoded.owner === ctx.mailbox.id;
      if (!okDistinguished && !okFolder) {
        return singleResponse('FindPeople', '', new EwsError('ErrorFolderNotFound'));
      }
    }
    const owner = ctx.mailbox;
    const folderId = lyncContactsFolderId(owner);
    const personas = owner.imList.personas.filter((pe) => {
      if (query === '') return true;
      const q = fold(query);
      return (
        fold(pe.displayName).includes(q) ||
        (pe.smtp !== undefined && fold(pe.smtp).startsWith(q)) ||
        (pe.imAddress !== undefined && fold(pe.imAddress).includes(q))
      );
    });
    rows = personas.map((pe) => ({
      sortKey: pe.displayName,
      xml: () => imPersonaXml(org, owner, pe, folderId),
    }));
  }
  rows.sort((a, b) => a.sortKey.localeCompare(b.sortKey));
  const total = rows.length;
  const size = Math.min(max, FIND_PEOPLE_MAX_PAGE);
  const start = basePoint === 'End' ? Math.max(0, total - offset - size) : offset;
  const end = basePoint === 'End' ? Math.max(0, total - offset) : Math.min(total, offset + size);
  const page = rows.slice(start, end);
  const payload =
    el('m:People', undefined, ...page.map((r) => r.xml())) +
    leaf('m:TotalNumberOfPeopleInView', total) +
    leaf('m:FirstMatchingRowIndex', query === '' ? 0 : Math.min(start, total)) +
    leaf('m:FirstLoadedRowIndex', Math.min(start, total));
  return singleResponse('FindPeople', payload);
}

export { DIRECTORY_OWNER };
