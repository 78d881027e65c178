/**
 * Shell-neutral dispatch: channel name + unknown payload → schema check → handler → Result.
 * Both shells call `dispatch` after their own sender check; nothing reaches a service unvalidated.
 */
import {
  channels,
  type ChannelName,
  type ChannelRequestParsed,
  type ChannelResponse,
  type Result,
} from '../../preload/contract';
import { toRosterError } from '../errors';

export type Handlers = {
  [K in ChannelName]: (request: ChannelRequestParsed<K>) => Promise<ChannelResponse<K>>;
};

export interface Router {
  dispatch(channel: string, payload: unknown): Promise<Result<unknown>>;
}

export interface RouterOptions {
  /** Called with every unexpected (non-AppError) failure, for the log. */
  onUnexpectedError?: (channel: string, err: unknown) => void;
}

function isChannel(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

export function createRouter(handlers: Handlers, options: RouterOptions = {}): Router {
  async function run<K extends ChannelName>(name: K, payload: unknown): Promise<Result<unknown>> {
    const def = channels[name];
    const parsed = def.request.safeParse(payload ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
      return {
        ok: false,
        // Stryker disable next-line LogicalOperator,OptionalChaining,StringLiteral: zod's failed parse always holds an issue with a message
        error: { kind: 'bad-input', message: `Invalid request${where}: ${issue?.message ?? 'rejected'}` },
      };
    }
    try {
      const handler = handlers[name] as (req: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      // The response schema keeps main honest too: what leaves is exactly what the contract says.
      return { ok: true, value: def.response.parse(value) };
    } catch (err) {
      const error = toRosterError(err);
      if (error.kind === 'server' && !(err instanceof Error && 'kind' in err))
        options.onUnexpectedError?.(name, err);
      return { ok: false, error };
    }
  }

  return {
    dispatch(channel, payload) {
      if (!isChannel(channel)) {
        return Promise.resolve({
          ok: false,
          error: { kind: 'bad-input', message: `Unknown channel: ${channel.slice(0, 64)}` },
        });
      }
      return run(channel, payload);
    },
  };
}
