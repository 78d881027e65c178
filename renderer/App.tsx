import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterApi, Settings as SettingsValue } from '../preload/contract';
import { ConnectionLost } from './components/ConnectionLost';
import { Spinner } from './components/Spinner';
import { applyLanguage } from './i18n';
import { connectRosterStore, createRosterStore, RosterStoreProvider, useRoster } from './stores';
import { Main } from './views/Main';
import { Settings } from './views/Settings';
import { SignIn } from './views/SignIn';

/** The root: builds the store around the bridge it is given (window.roster, or a fake in tests). */
export function App({ api, now }: { api: RosterApi; now?: () => number }) {
  const [store] = useState(() => createRosterStore(api, now ? { now } : {}));
  useEffect(() => connectRosterStore(store, api), [store, api]);
  return (
    <RosterStoreProvider store={store}>
      <Shell />
    </RosterStoreProvider>
  );
}

function applyTheme(theme: SettingsValue['theme'] | undefined): void {
  const root = document.documentElement;
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  else delete root.dataset.theme;
}

function Shell() {
  const { t } = useTranslation();
  const session = useRoster((s) => s.session);
  const language = useRoster((s) => s.settings?.language);
  const theme = useRoster((s) => s.settings?.theme);
  const appName = useRoster((s) => s.appInfo?.name) ?? t('app.name');
  const [settingsOpen, setSettingsOpen] = useState(false);

  useEffect(() => applyLanguage(language), [language]);
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    document.title = appName;
  }, [appName]);

  const openSettings = () => setSettingsOpen(true);

  let screen;
  if (session === null) {
    screen = (
      <main className="splash" aria-busy="true">
        <Spinner size="large" />
        <p role="status">{t('app.starting')}</p>
      </main>
    );
  } else if (session.status === 'signed-in') {
    screen = <Main account={session.account} vault={session.vault} onOpenSettings={openSettings} />;
  } else {
    screen = <SignIn onOpenSettings={openSettings} />;
  }

  return (
    <>
      <ConnectionLost />
      {screen}
      {settingsOpen && <Settings onClose={() => setSettingsOpen(false)} />}
    </>
  );
}
