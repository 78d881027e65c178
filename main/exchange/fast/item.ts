/**
 * The fast readers' engine: one element of a hot answer (a calendar item, an event, a persona)
 * read from the tokenizer's events straight into a typed value, driven by a small table of the
 * elements that matter (a Shape). Nothing else inside the item is kept: no tree, no attribute
 * copies, text gathered only for the leaves read. It answers exactly as the reference readers in
 * operations/ do on the generic tree (test/unit/main/exchange/fast/equivalence.test.ts):
 *
 * - a child is found by local name, the first of its name among its siblings (`child()`), unless
 *   the shape says `each` (a list);
 * - a leaf's text is what the tree would hold: the text and CDATA inside it, or '' once it has a
 *   child element;
 * - attributes are read by local name, the last of that name winning, `xmlns` ones never.
 *
 * A rare, complex element (a series' Recurrence) can be handed to the reference reader instead:
 * a shape with `tree` gets that element built as the generic tree would hold it. A `finish` that
 * throws (as the reference reader would on that item) makes `take`/`or` throw the same error when
 * the operation reads the item, where the reference reader would have thrown it.
 */
import type { ItemReader, XElement } from '../soap';

/** What to read of one element, for an item whose scratch state is S. */
export interface Shape<S> {
  /** The element opens (attributes by qualified name: read them with `attr`). */
  begin?: (s: S, attrs: Readonly<Record<string, string>>) => void;
  /** A leaf: its text once it closed ('' if it had a child element; a leaf may have kids too). */
  leaf?: (s: S, text: string) => void;
  /** The element closes (after `leaf`). */
  end?: (s: S) => void;
  /** Children read, by local name; '*' for any other name. */
  kids?: Readonly<Record<string, Shape<S>>>;
  /** Every occurrence among its siblings is read (a list), not only the first. */
  each?: boolean;
  /** The element, built as the generic tree holds it, for a reference reader (no kids then). */
  tree?: (s: S, e: XElement) => void;
}

interface Compiled<S> {
  begin: ((s: S, attrs: Readonly<Record<string, string>>) => void) | undefined;
  leaf: ((s: S, text: string) => void) | undefined;
  end: ((s: S) => void) | undefined;
  /** Local name → child. */
  kids: Map<string, Compiled<S>> | undefined;
  any: Compiled<S> | undefined;
  /** Qualified name as sent → child (null: not read), learnt as names arrive. */
  byQname: Map<string, Compiled<S> | null>;
  /** This child's bit among its parent's children (0 for `each`), in word 0 or 1 of the frame. */
  bit: number;
  word: 0 | 1;
  tree: ((s: S, e: XElement) => void) | undefined;
}

const MAX_LEARNT_NAMES = 256;
/** Children of one shape: 30 bits in each of two words. */
const MAX_KIDS = 60;

function compile<S>(shape: Shape<S>, i: number): Compiled<S> {
  const out: Compiled<S> = {
    begin: shape.begin,
    leaf: shape.leaf,
    end: shape.end,
    kids: undefined,
    any: undefined,
    byQname: new Map(),
    bit: shape.each ? 0 : 1 << (i % 30),
    word: i < 30 ? 0 : 1,
    tree: shape.tree,
  };
  if (shape.kids) {
    const names = Object.keys(shape.kids);
    if (names.length > MAX_KIDS) throw new Error(`a fast-reader shape has more than ${MAX_KIDS} children`);
    out.kids = new Map();
    names.forEach((name, i) => {
      const c = compile(shape.kids![name]!, i);
      if (name === '*') out.any = c;
      else out.kids!.set(name, c);
    });
  }
  return out;
}

function childOf<S>(parent: Compiled<S>, qname: string): Compiled<S> | null {
  let c = parent.byQname.get(qname);
  if (c !== undefined) return c;
  const colon = qname.indexOf(':');
  const local = colon < 0 ? qname : qname.slice(colon + 1);
  c = parent.kids?.get(local) ?? parent.any ?? null;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: how many names are learnt is memory only (a name not learnt is looked up again, the same way)
  if (parent.byQname.size < MAX_LEARNT_NAMES) parent.byQname.set(qname, c);
  return c;
}

/**
 * One kind of item: its shape, a fresh scratch state per item, and how the state becomes the
 * typed value. `reader()` makes the ItemReader the SOAP reader drives (one per document).
 */
export class FastItem<T, S> {
  private readonly root: Compiled<S>;

  constructor(
    shape: Shape<S>,
    private readonly state: () => S,
    private readonly finish: (s: S) => T,
  ) {
    this.root = compile(shape, 0);
  }

  /** The value this kind of item left on a stand-in element, or undefined if it did not read it. */
  take(e: XElement): T | undefined {
    if (e.readBy !== this.root) return undefined;
    if (e.value instanceof Failed) throw e.value.error;
    return e.value as T;
  }

  /** The fast value where this reader made one, else the tree reader's (a caller without `typed`). */
  or(tree: (e: XElement) => T): (e: XElement) => T {
    return (e) => this.take(e) ?? tree(e);
  }

  reader(): ItemReader {
    const spec: object = this.root;
    const root = this.root;
    const newState = this.state;
    const finish = this.finish;
    // One frame per open element read: its shape, the bits of the children seen, whether it has
    // had a child element (a leaf's text is then '', as in the tree).
    // Stryker disable next-line ArrayDeclaration: a frame's slot is written when its element opens, before it is read
    const shapes: Array<Compiled<S>> = [];
    // Stryker disable next-line ArrayDeclaration: as above
    const seen: number[] = [];
    // Stryker disable next-line ArrayDeclaration: as above
    const seen1: number[] = [];
    // Stryker disable next-line ArrayDeclaration: as above
    const hadChild: boolean[] = [];
    let depth = 0;
    /** Elements open inside one that is not read. */
    let skip = 0;
    // Stryker disable next-line StringLiteral: a leaf's text starts over when it opens; nothing reads it before
    let text = '';
    let s: S | undefined;
    let value: T | Failed | undefined;
    /** An element being built as a tree (`tree` shapes): its shape and open nodes. */
    let capture: Compiled<S> | undefined;
    const nodes: XElement[] = [];
    return {
      spec,
      open(qname, attrs) {
        if (skip > 0) {
          skip++;
          return;
        }
        if (capture) {
          const up = nodes[nodes.length - 1]!;
          const node = treeNode(qname, attrs);
          up.children.push(node);
          up.text = '';
          nodes.push(node);
          return;
        }
        let c: Compiled<S> | null;
        if (depth === 0) {
          s = newState();
          c = root;
        } else {
          const up = depth - 1;
          hadChild[up] = true;
          c = childOf(shapes[up]!, qname);
          if (c === null) {
            skip = 1;
            return;
          }
          if (c.bit !== 0) {
            // Stryker disable next-line EqualityOperator: the two words would only swap roles (both start at 0 per frame)
            const words = c.word === 0 ? seen : seen1;
            if ((words[up]! & c.bit) !== 0) {
              skip = 1;
              return;
            }
            words[up]! |= c.bit;
          }
          if (c.tree) {
            capture = c;
            nodes.push(treeNode(qname, attrs));
            return;
          }
        }
        shapes[depth] = c;
        seen[depth] = 0;
        seen1[depth] = 0;
        hadChild[depth] = false;
        depth++;
        if (c.begin) c.begin(s!, attrs);
        if (c.leaf) text = '';
      },
      text(t) {
        if (capture) {
          const top = nodes[nodes.length - 1]!;
          if (skip === 0 && top.children.length === 0) top.text += t;
          return;
        }
        if (skip === 0 && depth > 0 && !hadChild[depth - 1] && shapes[depth - 1]!.leaf) text += t;
      },
      close() {
        if (skip > 0) {
          skip--;
          return;
        }
        if (capture) {
          const node = nodes.pop()!;
          if (nodes.length === 0) {
            const c = capture;
            capture = undefined;
            c.tree!(s!, node);
          }
          return;
        }
        const c = shapes[--depth]!;
        if (c.leaf) {
          c.leaf(s!, hadChild[depth] ? '' : text);
          // Stryker disable next-line StringLiteral: the next leaf's text starts over when it opens (this only frees the string)
          text = '';
        }
        if (c.end) c.end(s!);
        if (depth === 0) {
          try {
            value = finish(s!);
          } catch (error) {
            value = new Failed(error);
          }
          s = undefined;
        }
      },
      result() {
        const v = value;
        value = undefined;
        return v;
      },
    };
  }
}

/** An item whose reference reader throws: the error, thrown when the operation reads the item. */
class Failed {
  constructor(readonly error: unknown) {}
}

/** An element as the generic tree holds it: local names, attributes by local name, no `xmlns`. */
function treeNode(qname: string, attrs: Readonly<Record<string, string>>): XElement {
  const colon = qname.indexOf(':');
  const out: XElement = {
    name: colon < 0 ? qname : qname.slice(colon + 1),
    attrs: {},
    children: [],
    text: '',
  };
  for (const k in attrs) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    const i = k.indexOf(':');
    out.attrs[i < 0 ? k : k.slice(i + 1)] = attrs[k]!;
  }
  return out;
}

/** An attribute by local name, as the tree reads it: the last of that name, `xmlns` ones never. */
export function attr(attrs: Readonly<Record<string, string>>, name: string): string | undefined {
  let found: string | undefined;
  for (const k in attrs) {
    if (k === name) found = attrs[k];
    else if (k.length > name.length && k.endsWith(name)) {
      // `p:Id` is Id (the local name is what follows the first colon); `xmlns:Id` is a namespace.
      if (k.indexOf(':') === k.length - name.length - 1 && !k.startsWith('xmlns:')) found = attrs[k];
    }
  }
  return found;
}
