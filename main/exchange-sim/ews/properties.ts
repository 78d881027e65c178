/**
 * Property paths as EWS requests name them (t:FieldURI, t:IndexedFieldURI, t:ExtendedFieldURI),
 * read once for every use: a shape's AdditionalProperties, a Restriction, a SortOrder. Extended
 * properties are keyed so that a MAPI tag, or a named property given by its distinguished set
 * ("Appointment") or by the set's GUID, reaches the same value; and t:ExtendedProperty is written
 * here, echoing the path as asked. A property an item does not have is absent, as on Exchange.
 *
 * Pure: folders.ts, mail.ts, calendar.ts and contacts.ts share it.
 */
import { EwsError } from './soap';
import { el, leaf, type XNode } from './xml';

export interface ExtendedPath {
  kind: 'extended';
  /** `tag:0x0037`, or `named:<set guid>:id:<n>` / `named:<set guid>:name:<name>`. */
  key: string;
  /** PropertyType as asked (String, Integer, Boolean, SystemTime, …). */
  type: string;
  /** The ExtendedFieldURI attributes to echo. */
  attrs: Record<string, string>;
}

export type PropertyPath =
  { kind: 'field'; uri: string } | { kind: 'indexed'; uri: string; index: string } | ExtendedPath;

/** A typed value of an extended property; `type` must be what the request asks for. */
export interface ExtendedValue {
  type: string;
  value: string;
}

/** The distinguished property sets (DistinguishedPropertySetType) and their GUIDs. */
export const PROPERTY_SETS: Readonly<Record<string, string>> = {
  Meeting: '6ed8da90-450b-101b-98da-00aa003f1305',
  Appointment: '00062002-0000-0000-c000-000000000046',
  Common: '00062008-0000-0000-c000-000000000046',
  PublicStrings: '00020329-0000-0000-c000-000000000046',
  Address: '00062004-0000-0000-c000-000000000046',
  InternetHeaders: '00020386-0000-0000-c000-000000000046',
  CalendarAssistant: '11000e07-b51b-40d6-af21-caa85edab1d0',
  UnifiedMessaging: '4442858e-a9e3-4e80-b900-317a210cc15b',
  Task: '00062003-0000-0000-c000-000000000046',
  Sharing: '00062040-0000-0000-c000-000000000046',
};

const ECHOED = [
  'DistinguishedPropertySetId',
  'PropertySetId',
  'PropertyTag',
  'PropertyName',
  'PropertyId',
  'PropertyType',
] as const;

/** A PropertyTag ("0x37", "0x0037" or decimal "55") as a number, undefined when it is not one. */
export function parseTag(text: string): number | undefined {
  const t = text.trim();
  const n = /^0x[0-9a-f]{1,4}$/i.test(t) ? Number.parseInt(t, 16) : /^\d{1,5}$/.test(t) ? Number(t) : NaN;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: n is NaN or a whole number ≥ 0 (the patterns admit no sign), and NaN fails n <= 0xffff
  return Number.isInteger(n) && n >= 0 && n <= 0xffff ? n : undefined;
}

export function tagKey(tag: number): string {
  return `tag:0x${tag.toString(16).padStart(4, '0')}`;
}

export function namedKey(set: string, id: number | string): string {
  const guid = (PROPERTY_SETS[set] ?? set).toLowerCase();
  return typeof id === 'number' ? `named:${guid}:id:${id}` : `named:${guid}:name:${id}`;
}

function extendedPath(attrs: Record<string, string>): ExtendedPath | EwsError {
  const bad = (why: string): EwsError => new EwsError('ErrorInvalidExtendedProperty', why);
  const type = attrs.PropertyType ?? '';
  if (type === '') return bad('An extended property needs a PropertyType.');
  const echo: Record<string, string> = {};
  for (const a of ECHOED) if (attrs[a] !== undefined) echo[a] = attrs[a];
  const set = attrs.DistinguishedPropertySetId ?? attrs.PropertySetId;
  if (attrs.PropertyTag !== undefined) {
    if (set !== undefined || attrs.PropertyName !== undefined || attrs.PropertyId !== undefined)
      return bad('PropertyTag cannot be combined with a property set, name or id.');
    const tag = parseTag(attrs.PropertyTag);
    if (tag === undefined) return bad(`The property tag '${attrs.PropertyTag}' is not valid.`);
    return { kind: 'extended', key: tagKey(tag), type, attrs: echo };
  }
  if (set === undefined) return bad('A named property needs a property set.');
  if (
    attrs.DistinguishedPropertySetId !== undefined &&
    PROPERTY_SETS[attrs.DistinguishedPropertySetId] === undefined
  )
    return bad(`The property set '${attrs.DistinguishedPropertySetId}' is not valid.`);
  if (attrs.PropertyName !== undefined && attrs.PropertyId === undefined)
    return { kind: 'extended', key: namedKey(set, attrs.PropertyName), type, attrs: echo };
  if (attrs.PropertyId !== undefined && attrs.PropertyName === undefined) {
    const id = /^0x[0-9a-f]+$/i.test(attrs.PropertyId)
      ? Number.parseInt(attrs.PropertyId, 16)
      : Number(attrs.PropertyId);
    if (!Number.isInteger(id) || id < 0) return bad(`The property id '${attrs.PropertyId}' is not valid.`);
    return { kind: 'extended', key: namedKey(set, id), type, attrs: echo };
  }
  return bad('A named property needs exactly one of PropertyName and PropertyId.');
}

/**
 * The property path a t:FieldURI / t:IndexedFieldURI / t:ExtendedFieldURI names; undefined for
 * any other element (a caller's own business: a constant, a base shape…).
 */
export function readPropertyPath(node: XNode): PropertyPath | EwsError | undefined {
  switch (node.local) {
    case 'FieldURI':
      return { kind: 'field', uri: node.attrs.FieldURI ?? '' };
    case 'IndexedFieldURI':
      return { kind: 'indexed', uri: node.attrs.FieldURI ?? '', index: node.attrs.FieldIndex ?? '' };
    case 'ExtendedFieldURI':
      return extendedPath(node.attrs);
    // Stryker disable next-line ConditionalExpression: an empty default leaves the switch and returns undefined all the same
    default:
      return undefined;
  }
}

/** A readable name for a path, for error messages and table keys (`contacts:EmailAddress[EmailAddress1]`). */
export function pathName(p: PropertyPath): string {
  if (p.kind === 'field') return p.uri;
  if (p.kind === 'indexed') return `${p.uri}[${p.index}]`;
  return p.key;
}

/** The paths of a shape's t:AdditionalProperties, in order; the first invalid one as an error. */
export function readAdditionalProperties(list: readonly XNode[]): PropertyPath[] | EwsError {
  const out: PropertyPath[] = [];
  for (const node of list) {
    const path = readPropertyPath(node);
    if (path === undefined) return new EwsError('ErrorInvalidPropertyRequest');
    if (path instanceof EwsError) return path;
    out.push(path);
  }
  return out;
}

/**
 * The t:ExtendedProperty elements for the asked paths, in the order asked; a property the item
 * has not, or has with another type, is left out.
 */
export function extendedPropertiesXml(
  paths: readonly ExtendedPath[],
  valueOf: (key: string) => ExtendedValue | undefined,
): string {
  return paths
    .map((p) => {
      const v = valueOf(p.key);
      if (!v || v.type !== p.type) return '';
      return el('t:ExtendedProperty', undefined, el('t:ExtendedFieldURI', p.attrs), leaf('t:Value', v.value));
    })
    .join('');
}
