/**
 * FindItem's m:Restriction and m:SortOrder, evaluated over any kind of item: the handler says which
 * property paths it knows (a field table: kind and getter) and this module does the rest.
 *
 * Restriction forms: And, Or, Not, Exists, Contains (ContainmentMode FullString, Prefixed,
 * Substring, PrefixOnWords, ExactPhrase; ContainmentComparison Exact, IgnoreCase,
 * IgnoreNonSpacingCharacters, Loose and their combinations), IsEqualTo, IsNotEqualTo,
 * IsGreaterThan(OrEqualTo), IsLessThan(OrEqualTo), each against a t:Constant or another property
 * (t:FieldURIOrConstant). As in a MAPI store, a comparison with a property the item does not have is
 * false (Not of it is true) and strings compare without regard to case.
 *
 * Pure: mail.ts, calendar.ts and contacts.ts share it.
 */
import { pathName, readPropertyPath, type PropertyPath } from './properties';
import { EwsError } from './soap';
import { child, children, type XNode } from './xml';

export type FieldKind = 'string' | 'date' | 'number' | 'boolean';
export type FieldValue = string | number | boolean;

export interface FieldDef<T> {
  kind: FieldKind;
  /** The item's value; undefined when the item does not have the property. */
  get: (item: T) => FieldValue | undefined;
}

/** The definition of a path, undefined for one the handler does not know. */
export type FieldResolver<T> = (path: PropertyPath) => FieldDef<T> | undefined;

export interface RestrictionOptions {
  /** Reads a date-time constant (the request's time zone applies to one without an offset); NaN when invalid. */
  parseDate?: (text: string) => number;
}

export type Predicate<T> = (item: T) => boolean;
export type Comparator<T> = (a: T, b: T) => number;

const COMPARISONS: Readonly<Record<string, (cmp: number) => boolean>> = {
  IsEqualTo: (c) => c === 0,
  IsNotEqualTo: (c) => c !== 0,
  IsGreaterThan: (c) => c > 0,
  IsGreaterThanOrEqualTo: (c) => c >= 0,
  IsLessThan: (c) => c < 0,
  IsLessThanOrEqualTo: (c) => c <= 0,
};

const collator = new Intl.Collator('en', { sensitivity: 'accent' });

/** Orders two values of one kind (strings by case-insensitive collation). */
export function compareValues(kind: FieldKind, a: FieldValue, b: FieldValue): number {
  if (kind === 'string') return Math.sign(collator.compare(String(a), String(b)));
  return Math.sign(Number(a) - Number(b));
}

function defaultParseDate(text: string): number {
  const t = text.trim();
  // Stryker disable next-line Regex,StringLiteral: in an xs:dateTime (all EWS admits) a Z or an offset can stand only at the end; and Date.parse reads '2026-11-26Z' as it reads '2026-11-26'
  return Date.parse(/(Z|[+-]\d\d:\d\d)$/i.test(t) || !t.includes('T') ? t : `${t}Z`);
}

/** A constant's text as a value of `kind`; undefined when it is not one. */
function constantValue(kind: FieldKind, text: string, options: RestrictionOptions): FieldValue | undefined {
  switch (kind) {
    case 'string':
      return text;
    case 'boolean':
      return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : undefined;
    case 'number': {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? n : undefined;
    }
    case 'date': {
      const ms = (options.parseDate ?? defaultParseDate)(text);
      return Number.isNaN(ms) ? undefined : ms;
    }
  }
}

/** Dates compare as numbers: a getter may give the ISO text. */
function normalise(kind: FieldKind, v: FieldValue | undefined): FieldValue | undefined {
  // Stryker disable next-line ConditionalExpression: an undefined date goes to Date.parse('undefined'), NaN, and comes back undefined all the same
  if (v === undefined || kind !== 'date' || typeof v === 'number') return v;
  const ms = Date.parse(String(v));
  return Number.isNaN(ms) ? undefined : ms;
}

function resolvePath<T>(node: XNode | undefined, resolve: FieldResolver<T>): FieldDef<T> | EwsError {
  const path = node ? readPropertyPath(node) : undefined;
  if (path === undefined)
    return new EwsError('ErrorInvalidRestriction', 'The search expression names no property.');
  if (path instanceof EwsError) return path;
  const def = resolve(path);
  if (def) return def;
  // A MAPI property nothing here has: a valid path no item has a value for.
  if (path.kind === 'extended') return { kind: 'string', get: () => undefined };
  return new EwsError(
    'ErrorUnsupportedPathForQuery',
    `The property path '${pathName(path)}' is not supported in a restriction.`,
  );
}

/** The first property path among a node's children (t:FieldURI, t:IndexedFieldURI, t:ExtendedFieldURI). */
function pathNode(node: XNode): XNode | undefined {
  return children(node).find((c) => ['FieldURI', 'IndexedFieldURI', 'ExtendedFieldURI'].includes(c.local));
}

const stripMarks = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '');

function containsPredicate<T>(node: XNode, def: FieldDef<T>): Predicate<T> | EwsError {
  if (def.kind !== 'string') return new EwsError('ErrorContainsFilterWrongType');
  const constant = child(node, 'Constant')?.attrs.Value;
  if (constant === undefined) return new EwsError('ErrorInvalidRestriction', 'Contains needs a constant.');
  const mode = node.attrs.ContainmentMode ?? 'FullString';
  // Stryker disable next-line StringLiteral: '' names no option, as Exact does
  const comparison = node.attrs.ContainmentComparison ?? 'Exact';
  const loose = comparison.startsWith('Loose');
  const ignoreCase = loose || comparison.includes('IgnoreCase');
  const ignoreMarks = loose || comparison.includes('NonSpac');
  const norm = (s: string): string => {
    const a = ignoreMarks ? stripMarks(s) : s;
    return ignoreCase ? a.toLocaleLowerCase('en') : a;
  };
  const want = norm(constant);
  const test: Record<string, (have: string) => boolean> = {
    FullString: (have) => have === want,
    Prefixed: (have) => have.startsWith(want),
    Substring: (have) => have.includes(want),
    // Stryker disable next-line Regex: splitting at each separator only adds empty words, and an empty word starts with nothing but the empty text, which every word starts with
    PrefixOnWords: (have) => have.split(/[\s\p{P}]+/u).some((w) => w.startsWith(want)),
    ExactPhrase: (have) => ` ${have.split(/[\s\p{P}]+/u).join(' ')} `.includes(` ${want} `),
  };
  const match = test[mode];
  if (!match) return new EwsError('ErrorInvalidRestriction', `ContainmentMode '${mode}' is not valid.`);
  return (item) => {
    const have = def.get(item);
    return have !== undefined && match(norm(String(have)));
  };
}

function comparisonPredicate<T>(
  node: XNode,
  def: FieldDef<T>,
  resolve: FieldResolver<T>,
  options: RestrictionOptions,
): Predicate<T> | EwsError {
  const relop = COMPARISONS[node.local];
  // Stryker disable next-line ConditionalExpression: compileRestriction sends only the COMPARISONS' names here (kept for the type)
  if (!relop)
    // Stryker disable next-line StringLiteral: not reached (compileRestriction sends only the COMPARISONS' names here)
    return new EwsError('ErrorInvalidRestriction', `The restriction '${node.local}' is not supported.`);
  const other = children(child(node, 'FieldURIOrConstant'))[0];
  if (!other) return new EwsError('ErrorInvalidRestriction', `${node.local} needs FieldURIOrConstant.`);
  let right: (item: T) => FieldValue | undefined;
  if (other.local === 'Constant') {
    const value = constantValue(def.kind, other.attrs.Value ?? '', options);
    if (value === undefined)
      return new EwsError(
        'ErrorInvalidValueForProperty',
        `'${other.attrs.Value ?? ''}' is not a ${def.kind} value.`,
      );
    right = () => value;
  } else {
    const rdef = resolvePath(other, resolve);
    if (rdef instanceof EwsError) return rdef;
    if (rdef.kind !== def.kind)
      return new EwsError('ErrorInvalidRestriction', 'The two properties compared are of different types.');
    right = (item) => normalise(rdef.kind, rdef.get(item));
  }
  return (item) => {
    const a = normalise(def.kind, def.get(item));
    const b = right(item);
    return a !== undefined && b !== undefined && relop(compareValues(def.kind, a, b));
  };
}

/** A search expression (the single child of m:Restriction) as a predicate, or the error Exchange gives. */
export function compileRestriction<T>(
  node: XNode,
  resolve: FieldResolver<T>,
  options: RestrictionOptions = {},
): Predicate<T> | EwsError {
  if (node.local === 'And' || node.local === 'Or') {
    const parts: Predicate<T>[] = [];
    for (const c of children(node)) {
      const p = compileRestriction(c, resolve, options);
      if (p instanceof EwsError) return p;
      parts.push(p);
    }
    if (parts.length === 0)
      return new EwsError('ErrorInvalidRestriction', `${node.local} needs expressions.`);
    return node.local === 'And' ? (i) => parts.every((p) => p(i)) : (i) => parts.some((p) => p(i));
  }
  if (node.local === 'Not') {
    const inner = children(node)[0];
    if (!inner) return new EwsError('ErrorInvalidRestriction', 'Not needs one expression.');
    const p = compileRestriction(inner, resolve, options);
    return p instanceof EwsError ? p : (i) => !p(i);
  }
  if (node.local !== 'Exists' && node.local !== 'Contains' && !COMPARISONS[node.local])
    return new EwsError('ErrorInvalidRestriction', `The restriction '${node.local}' is not supported.`);
  const def = resolvePath(pathNode(node), resolve);
  if (def instanceof EwsError) return def;
  if (node.local === 'Exists') return (i) => def.get(i) !== undefined;
  if (node.local === 'Contains') return containsPredicate(node, def);
  return comparisonPredicate(node, def, resolve, options);
}

export interface SortKey {
  path: PropertyPath;
  descending: boolean;
}

/**
 * A SortOrder's FieldOrders (or `fallback` when it has none) as one comparator; items equal on
 * every key keep `tieBreak`'s order. A property an item does not have sorts before any value.
 */
export function compileSort<T>(
  sortOrder: XNode | undefined,
  resolve: FieldResolver<T>,
  fallback: readonly SortKey[],
  tieBreak: Comparator<T>,
): Comparator<T> | EwsError {
  const keys: SortKey[] = [];
  for (const o of children(sortOrder, 'FieldOrder')) {
    const node = pathNode(o);
    const path = node ? readPropertyPath(node) : undefined;
    if (path === undefined) return new EwsError('ErrorInvalidRequest', 'FieldOrder names no property.');
    if (path instanceof EwsError) return path;
    keys.push({ path, descending: o.attrs.Order !== 'Ascending' });
  }
  const defs: { def: FieldDef<T>; descending: boolean }[] = [];
  for (const k of keys.length > 0 ? keys : fallback) {
    const def = resolve(k.path);
    if (!def)
      return new EwsError(
        'ErrorUnsupportedPathForSortGroup',
        `Sorting on '${pathName(k.path)}' is not supported.`,
      );
    defs.push({ def, descending: k.descending });
  }
  return (a, b) => {
    for (const { def, descending } of defs) {
      const x = normalise(def.kind, def.get(a));
      const y = normalise(def.kind, def.get(b));
      const c =
        x === undefined || y === undefined
          ? x === y
            ? 0
            : x === undefined
              ? -1
              : 1
          : compareValues(def.kind, x, y);
      if (c !== 0) return descending ? -c : c;
    }
    return tieBreak(a, b);
  };
}

const KIND_OF_TYPE: Readonly<Record<string, FieldKind>> = {
  String: 'string',
  Integer: 'number',
  Long: 'number',
  Short: 'number',
  Double: 'number',
  Float: 'number',
  Boolean: 'boolean',
  SystemTime: 'date',
};

/**
 * An extended property as a field, from the item's extended values: a value of another type than
 * the path names is absent, as it is in a shape.
 */
export function extendedField<T>(
  path: PropertyPath,
  valueOf: (item: T, key: string) => { type: string; value: string } | undefined,
): FieldDef<T> | undefined {
  // Stryker disable next-line ConditionalExpression: a path of another kind has no type, which KIND_OF_TYPE does not know either
  if (path.kind !== 'extended') return undefined;
  const kind = KIND_OF_TYPE[path.type];
  if (!kind) return undefined;
  return {
    kind,
    get: (item) => {
      const v = valueOf(item, path.key);
      if (!v || v.type !== path.type) return undefined;
      if (kind === 'string') return v.value;
      if (kind === 'boolean') return v.value === 'true';
      if (kind === 'date') return Date.parse(v.value);
      return Number(v.value);
    },
  };
}
