/**
 * The two ways an operation can read the same bytes: through the generic tree (the reference) and
 * through the fast readers handed to the SOAP reader, as the real caller does. Shared by
 * equivalence.test.ts (large recorded answers) and edges.test.ts (small hand-written ones).
 */
import type { CallOptions, EwsCaller } from '../../../../../main/exchange/caller';
import { EwsError } from '../../../../../main/exchange/errors';
import {
  parseSoapResponse,
  type ItemReader,
  type SoapResponse,
  type TypedElements,
} from '../../../../../main/exchange/soap';
import type { HttpResponse } from '../../../../../main/exchange/transport';

/** A caller answering `text`; `fast` decides whether the operation's fast readers are used. */
export function callerFor(text: string, fast: boolean) {
  const used = { items: 0, typedCalls: 0 };
  const caller: EwsCaller = {
    ewsUrl: 'https://mail.contoso.test/EWS/Exchange.asmx',
    smtp: 'alice@contoso.test',
    soap(_action: string, _body: unknown, options?: CallOptions): Promise<SoapResponse> {
      let typed: TypedElements | undefined;
      if (fast && options?.typed) {
        used.typedCalls++;
        // Count the items the fast readers finish, so a test knows the fast path really ran.
        typed = Object.fromEntries(
          Object.entries(options.typed()).map(([name, r]): [string, ItemReader] => [
            name,
            {
              spec: r.spec,
              open: (q, a) => r.open(q, a),
              text: (t) => r.text(t),
              close: () => r.close(),
              result: () => {
                used.items++;
                return r.result();
              },
            },
          ]),
        );
      }
      return Promise.resolve().then(() => parseSoapResponse(text, 200, options?.collect?.(), typed));
    },
    get(): Promise<HttpResponse> {
      return Promise.reject(new Error('not used'));
    },
  };
  return { caller, used };
}

export type Outcome =
  { ok: unknown } | { error: { kind: string; code: string | undefined; message: string } };

/** A result, or the EwsError's kind, code and words (anything else is rethrown). */
export async function outcome(p: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: await p };
  } catch (err) {
    if (!(err instanceof EwsError)) throw err;
    return { error: { kind: err.kind, code: err.code, message: err.message } };
  }
}

/** `run` on the same bytes through the tree and through the fast readers; what the fast one read. */
export async function bothPaths(
  text: string,
  run: (caller: EwsCaller) => Promise<unknown>,
): Promise<{ reference: Outcome; fast: Outcome; used: { items: number; typedCalls: number } }> {
  const ref = callerFor(text, false);
  const quick = callerFor(text, true);
  const reference = await outcome(run(ref.caller));
  const fast = await outcome(run(quick.caller));
  return { reference, fast, used: quick.used };
}
