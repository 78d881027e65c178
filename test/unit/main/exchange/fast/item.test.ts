/**
 * The fast readers' engine (main/exchange/fast/item.ts) driven directly: small shapes, the events
 * the SOAP reader would send (open / text / close, names as sent), and what the shape's callbacks
 * received, what result(), take() and or() answer. equivalence.test.ts checks the real readers
 * against the reference path; this file pins the engine's own rules.
 */
import { describe, expect, it, vi } from 'vitest';
import { attr, FastItem, type Shape } from '../../../../../main/exchange/fast/item';
import type { ItemReader, XElement } from '../../../../../main/exchange/soap';

type Attrs = Record<string, string>;
/**
 * An element as a literal: its qualified name, its attributes, then its content in order (texts
 * and El; typed unknown because a tuple type may not name itself there).
 */
type El = [qname: string, attrs: Attrs, ...content: unknown[]];
type Ev = ['open', string, Attrs] | ['text', string] | ['close'];

/** The events the SOAP reader sends for an element. */
function events(e: El): Ev[] {
  const [qname, attrs, ...content] = e;
  const inner = content.flatMap((c): Ev[] => (typeof c === 'string' ? [['text', c]] : events(c as El)));
  return [['open', qname, attrs], ...inner, ['close']];
}

function drive(r: ItemReader, evs: readonly Ev[]): void {
  for (const e of evs) {
    if (e[0] === 'open') r.open(e[1], e[2]);
    else if (e[0] === 'text') r.text(e[1]);
    else r.close();
  }
}

/** The scratch state of these tests: what the callbacks received, in order. */
type Log = unknown[];

/** An item kind whose value is its log. */
function logItem(shape: Shape<Log>): FastItem<Log, Log> {
  return new FastItem<Log, Log>(
    shape,
    () => [],
    (s) => s,
  );
}

/** Each element read as one item by one reader: the values, in order. */
function readAll<T, S>(item: FastItem<T, S>, ...elements: El[]): unknown[] {
  const r = item.reader();
  return elements.map((e) => {
    drive(r, events(e));
    return r.result();
  });
}

/** One element read as an item: its value. */
function read<T, S>(item: FastItem<T, S>, e: El): unknown {
  return readAll(item, e)[0];
}

/** A leaf that logs `name=text`. */
function leaf(name: string, more: Partial<Shape<Log>> = {}): Shape<Log> {
  return { leaf: (s, t) => void s.push(`${name}=${t}`), ...more };
}

/** An element that logs when it opens (with its attributes), its text if `leaf`, and when it closes. */
function traced(name: string, more: Partial<Shape<Log>> = {}, withLeaf = true): Shape<Log> {
  return {
    begin: (s, a) => void s.push(`begin ${name} ${JSON.stringify(a)}`),
    ...(withLeaf ? { leaf: (s: Log, t: string) => void s.push(`leaf ${name} "${t}"`) } : {}),
    end: (s) => void s.push(`end ${name}`),
    ...more,
  };
}

/** The stand-in element the SOAP reader leaves where a reader read an item. */
function standIn(r: ItemReader, value: unknown): XElement {
  return { name: 'Item', attrs: {}, children: [], text: '', readBy: r.spec, value };
}

/** `n` leaves named k0…k(n-1). */
function manyKids(n: number): Record<string, Shape<Log>> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, leaf(`k${i}`)]));
}

describe('children by local name', () => {
  const shape: Shape<Log> = { kids: { A: leaf('A'), 'y:A': leaf('y:A') } };
  it.each<[string, string, Log]>([
    ['an unprefixed name', 'A', ['A=v']],
    ['a prefixed name', 't:A', ['A=v']],
    ['another prefix', 'y:A', ['A=v']],
    ['a colon first (empty prefix)', ':A', ['A=v']],
    ['only the first colon ends the prefix', 'x:y:A', ['y:A=v']],
    ['an empty local name', 'A:', []],
    ['a name that only ends the same way', 'tA', []],
    ['another case', 'a', []],
    ['a prefixed other case', 't:a', []],
  ])('%s (%s)', (_, qname, want) => {
    expect(read(logItem(shape), ['t:Item', {}, [qname, {}, 'v']])).toStrictEqual(want);
  });

  it('a name read once is read the same the next time, in the same reader and in a new one', () => {
    const item = logItem({ kids: { A: leaf('A', { each: true }), B: leaf('B', { each: true }) } });
    const doc: El = ['t:Item', {}, ['t:A', {}, '1'], ['t:B', {}, '2'], ['x', {}, '3'], ['t:A', {}, '4']];
    const want = ['A=1', 'B=2', 'A=4'];
    expect(readAll(item, doc, doc)).toStrictEqual([want, want]);
    expect(readAll(item, doc)).toStrictEqual([want]);
  });

  it('an unknown child is skipped with everything inside it, its text included', () => {
    const item = logItem({ kids: { A: leaf('A'), B: leaf('B') } });
    const doc: El = [
      't:Item',
      {},
      ['t:X', {}, 'x1', ['t:A', {}, 'inner A', ['t:B', {}, 'deep']], 'x2', ['t:B', {}, 'inner B']],
      ['t:B', {}, 'b'],
      ['t:A', {}, 'a'],
    ];
    expect(read(item, doc)).toStrictEqual(['B=b', 'A=a']);
  });

  it('an element with no kids skips all its children', () => {
    const item = logItem({ kids: { L: leaf('L'), N: leaf('N') } });
    expect(
      read(item, ['t:Item', {}, ['t:L', {}, 'a', ['t:N', {}, 'n'], 'b'], ['t:N', {}, 'm']]),
    ).toStrictEqual(['L=', 'N=m']);
  });

  it('only the first child of a name is read (any prefix), the later ones skipped with their content', () => {
    const item = logItem({ kids: { A: leaf('A', { kids: { B: leaf('B') } }), C: leaf('C') } });
    const doc: El = [
      't:Item',
      {},
      ['t:A', {}, 'one'],
      ['t:C', {}, 'c1'],
      ['u:A', {}, 'two', ['t:B', {}, 'b']],
      ['A', {}, 'three'],
      ['t:C', {}, 'c2'],
    ];
    expect(read(item, doc)).toStrictEqual(['A=one', 'C=c1']);
  });

  it('an `each` child is read every time, next to a first-only one', () => {
    const item = logItem({ kids: { A: leaf('A', { each: true }), B: leaf('B') } });
    const doc: El = [
      't:Item',
      {},
      ['t:A', {}, '1'],
      ['t:B', {}, 'b1'],
      ['u:A', {}, '2'],
      ['t:B', {}, 'b2'],
      ['A', {}, '3'],
    ];
    expect(read(item, doc)).toStrictEqual(['A=1', 'B=b1', 'A=2', 'A=3']);
  });

  it('the first of a name is counted per parent: each parent reads its own first child', () => {
    const item = logItem({
      kids: { P: { each: true, kids: { A: leaf('A'), B: { kids: { A: leaf('BA') } } } } },
    });
    const p = (n: string): El => [
      't:P',
      {},
      ['t:A', {}, `${n}1`],
      ['t:B', {}, ['t:A', {}, `${n}b`]],
      ['t:A', {}, `${n}2`],
    ];
    expect(read(item, ['t:Item', {}, p('x'), p('y')])).toStrictEqual(['A=x1', 'BA=xb', 'A=y1', 'BA=yb']);
  });

  it('each item starts with no child seen', () => {
    const item = logItem({ kids: { A: leaf('A') } });
    const doc: El = ['t:Item', {}, ['t:A', {}, '1'], ['t:A', {}, '2']];
    expect(readAll(item, doc, doc)).toStrictEqual([['A=1'], ['A=1']]);
  });

  it("'*' reads the first child of any other name; a named kid keeps its own", () => {
    const item = logItem({ kids: { A: leaf('A'), '*': leaf('*') } });
    const doc: El = ['t:Item', {}, ['t:X', {}, 'x'], ['t:A', {}, 'a'], ['t:Y', {}, 'y'], ['*', {}, 'star']];
    expect(read(item, doc)).toStrictEqual(['*=x', 'A=a']);
  });

  it("'*' with `each` reads every child of another name", () => {
    const item = logItem({ kids: { '*': leaf('*', { each: true }), A: leaf('A') } });
    const doc: El = [
      't:Item',
      {},
      ['t:X', {}, 'x'],
      ['t:A', {}, 'a'],
      ['t:Y', {}, 'y'],
      ['t:A', {}, 'a2'],
      ['t:X', {}, 'x2'],
    ];
    expect(read(item, doc)).toStrictEqual(['*=x', 'A=a', '*=y', '*=x2']);
  });

  it('without kids and without a wildcard nothing below is read', () => {
    const item = logItem(traced('Item', {}, false));
    expect(read(item, ['t:Item', {}, ['t:A', {}, 'a']])).toStrictEqual(['begin Item {}', 'end Item']);
  });
});

describe('more than 30 children (the second bit word)', () => {
  /** Built in each test (a shape compiled while tests are collected would escape the mutation run). */
  const sixty = (): FastItem<Log, Log> => logItem({ kids: manyKids(60) });
  const names = Array.from({ length: 60 }, (_, i) => `k${i}`);
  const child = (n: string, t = n): El => [`t:${n}`, {}, t];

  it('all 60 are read once each, in any order', () => {
    const twice = [...names, ...names].map((n) => child(n));
    expect(read(sixty(), ['t:Item', {}, ...twice])).toStrictEqual(names.map((n) => `${n}=${n}`));
    const reversed = [...names].reverse();
    const back = [...reversed, ...names].map((n) => child(n));
    expect(read(sixty(), ['t:Item', {}, ...back])).toStrictEqual(reversed.map((n) => `${n}=${n}`));
  });

  it.each<[string, string]>([
    ['k0', 'k30'],
    ['k30', 'k0'],
    ['k29', 'k59'],
    ['k59', 'k29'],
    ['k1', 'k31'],
    ['k0', 'k29'],
    ['k30', 'k59'],
  ])('%s and %s are told apart (each read once)', (a, b) => {
    const doc: El = ['t:Item', {}, child(a, '1'), child(b, '2'), child(a, '3'), child(b, '4')];
    expect(read(sixty(), doc)).toStrictEqual([`${a}=1`, `${b}=2`]);
  });

  it('each item and each parent start with no child seen, in either word', () => {
    const doc: El = ['t:Item', {}, child('k0', '1'), child('k30', '2'), child('k59', '3')];
    const want = ['k0=1', 'k30=2', 'k59=3'];
    expect(readAll(sixty(), doc, doc)).toStrictEqual([want, want]);
    const nested = logItem({ kids: { P: { each: true, kids: manyKids(60) } } });
    const p: El = ['t:P', {}, child('k30', 'a'), child('k0', 'b'), child('k30', 'c')];
    expect(read(nested, ['t:Item', {}, p, p])).toStrictEqual(['k30=a', 'k0=b', 'k30=a', 'k0=b']);
  });

  it('a shape of 60 children is accepted, of 61 refused, at any depth', () => {
    expect(() => logItem({ kids: manyKids(60) })).not.toThrow();
    expect(() => logItem({ kids: manyKids(61) })).toThrow('a fast-reader shape has more than 60 children');
    expect(() => logItem({ kids: { A: { kids: manyKids(61) } } })).toThrow(
      'a fast-reader shape has more than 60 children',
    );
  });
});

describe('learnt qualified names', () => {
  it('more than 256 distinct qualified names under one parent are all still read right', () => {
    const item = logItem({
      kids: { A: leaf('A', { each: true }), B: leaf('B', { each: true }), '*': leaf('*', { each: true }) },
    });
    const kids: El[] = [];
    const want: string[] = [];
    for (let i = 0; i < 300; i++) {
      kids.push([`p${i}:A`, {}, `a${i}`], [`p${i}:B`, {}, `b${i}`], [`p${i}:Z`, {}, `z${i}`]);
      want.push(`A=a${i}`, `B=b${i}`, `*=z${i}`);
    }
    // Twice: the second time every name was seen before (learnt or over the cap).
    expect(readAll(item, ['t:Item', {}, ...kids], ['t:Item', {}, ...kids])).toStrictEqual([want, want]);
  });

  it('a name learnt as not read stays not read', () => {
    const item = logItem({ kids: { A: leaf('A') } });
    const doc: El = ['t:Item', {}, ['t:X', {}, 'x'], ['t:A', {}, 'a'], ['t:X', {}, 'x']];
    expect(readAll(item, doc, doc)).toStrictEqual([['A=a'], ['A=a']]);
  });
});

describe('leaves', () => {
  it.each<[string, El, Log]>([
    ['an empty leaf reads ""', ['t:Item', {}, ['t:A', {}]], ['A=']],
    ['text in several events is joined', ['t:Item', {}, ['t:A', {}, 'a', 'b', '', 'c']], ['A=abc']],
    ['white space is kept', ['t:Item', {}, ['t:A', {}, ' a \n']], ['A= a \n']],
    [
      'a child element (even skipped) makes it "", text before and after included',
      ['t:Item', {}, ['t:A', {}, 'a', ['t:X', {}, 'x'], 'b']],
      ['A='],
    ],
    ['an empty child element makes it ""', ['t:Item', {}, ['t:A', {}, 'a', ['t:X', {}]]], ['A=']],
    [
      'text between the children of a non-leaf reaches no leaf',
      ['t:Item', {}, 'i1', ['t:A', {}, 'a'], 'i2', ['t:B', {}, 'b'], 'i3', ['t:B', {}, 'b2'], 'i4'],
      ['A=a', 'B=b'],
    ],
    [
      'a leaf after a skipped sibling reads only its own text',
      ['t:Item', {}, ['t:X', {}, 'x'], ['t:A', {}, 'a'], ['t:A', {}, 'again'], ['t:B', {}, 'b']],
      ['A=a', 'B=b'],
    ],
  ])('%s', (_, doc, want) => {
    expect(read(logItem({ kids: { A: leaf('A'), B: leaf('B') } }), doc)).toStrictEqual(want);
  });

  it('a leaf with a leaf kid: the kid gets only its own text, the parent ""', () => {
    const item = logItem({ kids: { L: leaf('L', { kids: { K: leaf('K'), M: leaf('M') } }) } });
    const doc: El = ['t:Item', {}, ['t:L', {}, 'abc', ['t:K', {}, 'k'], 'def', ['t:M', {}, 'm'], 'ghi']];
    expect(read(item, doc)).toStrictEqual(['K=k', 'M=m', 'L=']);
  });

  it('a leaf reads its text after a deeper element elsewhere in the item had a child', () => {
    const item = logItem({ kids: { P: { kids: { Q: { kids: { R: {} } } } }, L: leaf('L') } });
    const deep: El = ['t:P', {}, ['t:Q', {}, ['t:R', {}, ['t:X', {}]], ['t:X', {}]], ['t:X', {}]];
    const doc: El = ['t:Item', {}, deep, ['t:L', {}, 'l']];
    expect(read(item, doc)).toStrictEqual(['L=l']);
  });

  it('the item itself can be a leaf', () => {
    expect(read(logItem(leaf('Item')), ['t:Item', {}, 'a', 'b'])).toStrictEqual(['Item=ab']);
    expect(read(logItem(leaf('Item')), ['t:Item', {}, 'a', ['t:X', {}, 'x'], 'b'])).toStrictEqual(['Item=']);
  });

  it('text outside the item (before it, between items, after it) is ignored', () => {
    const item = logItem(leaf('Item', { kids: { A: leaf('A') } }));
    const r = item.reader();
    r.text('before');
    drive(r, events(['t:Item', {}, 'x']));
    r.text('between');
    expect(r.result()).toStrictEqual(['Item=x']);
    drive(r, events(['t:Item', {}, ['t:A', {}, 'a']]));
    r.text('after');
    expect(r.result()).toStrictEqual(['A=a', 'Item=']);
  });
});

describe('callbacks, state and result', () => {
  it('begin (with the attributes as sent), leaf, end: in document order', () => {
    const item = logItem(
      traced(
        'Item',
        { kids: { A: traced('A', { kids: { B: traced('B') } }), C: traced('C', {}, false) } },
        false,
      ),
    );
    const doc: El = [
      't:Item',
      { 't:Id': '1' },
      ['t:A', { x: '2', 'p:y': '3' }, ['t:B', {}, 'b']],
      ['t:C', {}, 'c'],
      ['t:D', {}, ['t:A', {}]],
    ];
    expect(read(item, doc)).toStrictEqual([
      'begin Item {"t:Id":"1"}',
      'begin A {"x":"2","p:y":"3"}',
      'begin B {}',
      'leaf B "b"',
      'end B',
      'leaf A ""',
      'end A',
      'begin C {}',
      'end C',
      'end Item',
    ]);
  });

  it('a shape may have no callbacks at all', () => {
    const item = logItem({ kids: { A: {}, B: { kids: { C: leaf('C') } } } });
    expect(
      read(item, ['t:Item', {}, ['t:A', {}, 'a', ['t:X', {}]], ['t:B', {}, ['t:C', {}, 'c']]]),
    ).toStrictEqual(['C=c']);
  });

  it('every item gets a fresh state and its own value', () => {
    const state = vi.fn((): Log => []);
    const item = new FastItem<string, Log>({ kids: { A: leaf('A') } }, state, (s) => s.join(','));
    expect(
      readAll(item, ['t:Item', {}, ['t:A', {}, '1']], ['t:Item', {}], ['t:Item', {}, ['t:A', {}, '3']]),
    ).toStrictEqual(['A=1', '', 'A=3']);
    expect(state).toHaveBeenCalledTimes(3);
  });

  it('the state of an item is created when it opens and finished when it closes', () => {
    const order: string[] = [];
    const item = new FastItem<string, Log>(
      { begin: () => void order.push('begin'), end: () => void order.push('end') },
      () => {
        order.push('state');
        return [];
      },
      () => {
        order.push('finish');
        return 'v';
      },
    );
    expect(read(item, ['t:Item', {}])).toBe('v');
    expect(order).toStrictEqual(['state', 'begin', 'end', 'finish']);
  });

  it('result() gives the value once, then undefined; undefined before any item', () => {
    const item = logItem(leaf('Item'));
    const r = item.reader();
    expect(r.result()).toBeUndefined();
    drive(r, events(['t:Item', {}, 'x']));
    expect(r.result()).toStrictEqual(['Item=x']);
    expect(r.result()).toBeUndefined();
  });

  it('no value before the item closes', () => {
    const r = logItem(leaf('Item')).reader();
    r.open('t:Item', {});
    r.text('x');
    expect(r.result()).toBeUndefined();
    r.close();
    expect(r.result()).toStrictEqual(['Item=x']);
  });
});

describe('take() and or()', () => {
  it('take() gives the value a reader of this kind made', () => {
    const item = logItem(leaf('Item'));
    const r = item.reader();
    drive(r, events(['t:Item', {}, 'x']));
    expect(item.take(standIn(r, r.result()))).toStrictEqual(['Item=x']);
    expect(item.reader().spec).toBe(r.spec);
  });

  it.each<[string, (own: ItemReader, other: ItemReader) => XElement]>([
    ['read by another kind of item', (_, other) => standIn(other, ['other'])],
    ['not read by any', () => ({ name: 'Item', attrs: {}, children: [], text: '', value: ['x'] })],
    [
      'read by another object',
      () => ({ name: 'Item', attrs: {}, children: [], text: '', readBy: {}, value: ['x'] }),
    ],
  ])('take() gives undefined for an element %s', (_, element) => {
    const item = logItem(leaf('Item'));
    const other = logItem(leaf('Item'));
    expect(item.take(element(item.reader(), other.reader()))).toBeUndefined();
  });

  it('a finish that throws makes take() and or() throw that same error; the next item reads', () => {
    const error = new Error('no start');
    const item = new FastItem<string, Log>(
      leaf('Item'),
      () => [],
      (s) => {
        if (s[0] === 'Item=bad') throw error;
        return String(s[0]);
      },
    );
    const r = item.reader();
    drive(r, events(['t:Item', {}, 'bad']));
    const failed = standIn(r, r.result());
    expect(() => item.take(failed)).toThrow(error);
    expect(() => item.or(() => 'tree')(failed)).toThrow(error);
    drive(r, events(['t:Item', {}, 'good']));
    expect(item.take(standIn(r, r.result()))).toBe('Item=good');
  });

  it('or() takes the fast value where there is one (0 included), else the tree reader’s', () => {
    const item = new FastItem<number, Log>(
      leaf('Item'),
      () => [],
      (s) => Number(String(s[0]).slice(5)),
    );
    const other = logItem(leaf('Item'));
    const tree = vi.fn((e: XElement) => e.children.length + 100);
    const r = item.reader();
    const values = [0, 7].map((n) => {
      drive(r, events(['t:Item', {}, String(n)]));
      return r.result();
    });
    expect(values).toStrictEqual([0, 7]);
    const or = item.or(tree);
    expect(or(standIn(r, 0))).toBe(0);
    expect(or(standIn(r, 7))).toBe(7);
    expect(tree).not.toHaveBeenCalled();
    expect(or(standIn(other.reader(), 7))).toBe(100);
    expect(tree).toHaveBeenCalledTimes(1);
  });
});

describe('`tree` shapes: the element as the generic tree holds it', () => {
  /** Reads the item; the elements the `tree` callbacks got, and what else was logged. */
  const captured = (kids: Record<string, Shape<Log>>, doc: El): unknown =>
    read(logItem({ kids: { R: { tree: (s, e) => void s.push(e) }, ...kids } }), doc);
  const node = (name: string, attrs: Attrs = {}, text = '', children: XElement[] = []): XElement => ({
    name,
    attrs,
    children,
    text,
  });

  it.each<[string, El, XElement]>([
    ['a prefixed name, by its local name', ['t:R', {}, 'r'], node('R', {}, 'r')],
    ['an unprefixed name', ['R', {}, 'r'], node('R', {}, 'r')],
    ['an empty prefix', [':R', {}], node('R')],
    [
      'attributes by local name, the last of a name winning',
      ['t:R', { a: '1', 'p:b': '2', b: '3', ':c': '4', 'q:d:e': '5' }],
      node('R', { a: '1', b: '3', c: '4', 'd:e': '5' }),
    ],
    ['a prefixed attribute after the plain one wins', ['t:R', { b: '1', 'p:b': '2' }], node('R', { b: '2' })],
    [
      'no xmlns attributes, names merely starting with xmlns kept',
      ['t:R', { xmlns: 'urn:a', 'xmlns:t': 'urn:t', 't:x': '1', xmlnsx: '2', 'p:xmlnsy': '3' }],
      node('R', { x: '1', xmlnsx: '2', xmlnsy: '3' }),
    ],
    ['text in several events', ['t:R', {}, 'a', 'b', 'c'], node('R', {}, 'abc')],
    [
      'children nested, with their own names, attributes and text; a parent with children has no text',
      [
        't:R',
        { id: 'r' },
        'head',
        ['t:C', { 'x:y': 'z', xmlns: 'urn:c' }, 'c1', ['D', {}, 'd'], 'c2'],
        'middle',
        [':E', {}, 'e1', 'e2'],
        'tail',
      ],
      node('R', { id: 'r' }, '', [node('C', { y: 'z' }, '', [node('D', {}, 'd')]), node('E', {}, 'e1e2')]),
    ],
    [
      'text after a child is not kept',
      ['t:R', {}, ['t:C', {}], 'tail', 'more'],
      node('R', {}, '', [node('C')]),
    ],
    [
      'elements no shape names are kept too, with their text',
      ['t:R', {}, ['t:Unknown', {}, 'u', ['t:Deeper', {}, 'v']], ['t:A', {}, 'a']],
      node('R', {}, '', [node('Unknown', {}, '', [node('Deeper', {}, 'v')]), node('A', {}, 'a')]),
    ],
  ])('%s', (_, r, want) => {
    expect(captured({ A: leaf('A') }, ['t:Item', {}, r])).toStrictEqual([want]);
  });

  it('reading goes on after the captured element; a second one of the name is skipped', () => {
    const doc: El = [
      't:Item',
      {},
      ['t:A', {}, 'a1'],
      ['t:R', {}, ['t:A', {}, 'inside']],
      ['t:R', {}, 'second'],
      ['t:B', {}, 'b'],
    ];
    expect(captured({ A: leaf('A', { each: true }), B: leaf('B') }, doc)).toStrictEqual([
      'A=a1',
      node('R', {}, '', [node('A', {}, 'inside')]),
      'B=b',
    ]);
  });

  it('an `each` tree shape captures every one, deeper in the item too, never inside a skipped element', () => {
    const item = logItem({
      kids: {
        P: { kids: { R: { each: true, tree: (s, e) => void s.push(e) } } },
        Q: leaf('Q'),
      },
    });
    const doc: El = [
      't:Item',
      {},
      ['t:X', {}, ['t:P', {}, ['t:R', {}, 'hidden']]],
      ['t:P', {}, ['t:R', {}, '1'], 'between', ['t:R', { n: '2' }, ['t:S', {}]]],
      ['t:Q', {}, 'q'],
    ];
    expect(read(item, doc)).toStrictEqual([
      node('R', {}, '1'),
      node('R', { n: '2' }, '', [node('S')]),
      'Q=q',
    ]);
  });

  it('the tree callback gets the item’s state', () => {
    const item = new FastItem<string, { n: string }>(
      {
        kids: { A: { leaf: (s, t) => void (s.n += t) }, R: { tree: (s, e) => void (s.n += `<${e.name}>`) } },
      },
      () => ({ n: '' }),
      (s) => s.n,
    );
    expect(
      readAll(item, ['t:Item', {}, ['t:A', {}, 'a'], ['t:R', {}, ['t:C', {}]]], ['t:Item', {}, ['t:R', {}]]),
    ).toStrictEqual(['a<R>', '<R>']);
  });
});

describe('attr(): an attribute by local name', () => {
  it.each<[string, Attrs, string | undefined]>([
    ['the exact name', { Id: '1' }, '1'],
    ['a prefixed name', { 't:Id': '1' }, '1'],
    ['an empty prefix', { ':Id': '1' }, '1'],
    ['never an xmlns declaration', { 'xmlns:Id': 'urn:x' }, undefined],
    ['a longer name ending the same way', { XId: '1' }, undefined],
    ['a prefixed longer name ending the same way', { 'p:XId': '1' }, undefined],
    ['a local name after the first colon that only ends the same', { 'a:b:Id': '1' }, undefined],
    ['a prefixed name of the same length', { 'p:Xy': '1' }, undefined],
    ['another case', { id: '1', 'p:ID': '2' }, undefined],
    ['a name with the colon after it', { 'Id:': '1' }, undefined],
    ['none', {}, undefined],
    ['the last of the name wins (plain last)', { 't:Id': '1', Id: '2' }, '2'],
    [
      'the last of the name wins (prefixed last)',
      { Id: '1', 't:Id': '2', 'xmlns:Id': 'urn:x', XId: '3' },
      '2',
    ],
    ['the last of three', { 'p:Id': '1', Id: '2', 'q:Id': '3', Other: '4' }, '3'],
  ])('%s', (_, attrs, want) => {
    expect(attr(attrs, 'Id')).toBe(want);
  });

  it('a name that is itself prefixed matches only in full or after one more prefix', () => {
    expect(attr({ 'a:b': '1' }, 'a:b')).toBe('1');
    expect(attr({ 'x:a:b': '1' }, 'a:b')).toBe('1');
    expect(attr({ b: '1' }, 'a:b')).toBeUndefined();
  });
});
