import { act, render } from '@testing-library/react';
import { App } from '../../../renderer/App';
import { createFakeRoster } from './fake-roster';
import type { FakeRosterOptions } from './fake-roster';

/** Render the whole app on a fresh fake bridge. */
export function renderApp(options: FakeRosterOptions = {}) {
  const roster = createFakeRoster(options);
  const view = render(<App api={roster.api} />);
  return { roster, ...view };
}

/** Run a push from main (an event) inside act, letting React settle before asserting. */
export async function fromMain(push: () => unknown): Promise<void> {
  await act(async () => {
    push();
    await Promise.resolve();
  });
}
