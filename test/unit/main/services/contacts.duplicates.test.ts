/** The contacts service reports a list in which the server sent one persona twice. */
import { describe, expect, it } from 'vitest';
import type { ExchangeClient } from '../../../../main/exchange/client';
import type { Logger } from '../../../../main/log/logger';
import type { ImListLike } from '../../../../main/services/contacts-map';
import { createContactsService } from '../../../../main/services/contacts';
import { openContactsSnapshot } from '../../../../main/store/contacts-snapshot';

/** A logger that records the messages it is given at warn level. */
function spyLogger(): { log: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const log: Logger = {
    scope: 'test',
    debug: () => undefined,
    info: () => undefined,
    warn: (msg: string, data?: unknown) => void warnings.push(`${msg} ${JSON.stringify(data)}`),
    error: () => undefined,
    child: () => log,
    setLevel: () => undefined,
    recent: () => [],
  };
  return { log, warnings };
}

function start(list: ImListLike, log: Logger) {
  const client = { email: 'me@contoso.test' } as unknown as ExchangeClient;
  const service = createContactsService({
    client: () => client,
    snapshots: openContactsSnapshot(null),
    emit: () => undefined,
    log,
    readList: () => Promise.resolve(list),
  });
  return service.start(client);
}

describe('ContactsService and duplicate personas', () => {
  it('warns with how many ids came twice', async () => {
    const { log, warnings } = spyLogger();
    await start({ groups: [], personas: [], duplicatePersonaIds: ['p1', 'p2'] }, log);
    expect(warnings).toContain('the server sent the same contact more than once {"count":2}');
  });

  it('says nothing when every persona is distinct', async () => {
    const { log, warnings } = spyLogger();
    await start({ groups: [], personas: [] }, log);
    expect(warnings.filter((w) => w.startsWith('the server sent the same contact'))).toEqual([]);
  });
});
