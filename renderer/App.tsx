// The workbench frame: navigation, the open case and its as-of time, global search, and the current screen.
import { useEffect, useState } from 'react';
import { request } from './api/client.ts';
import { electronBridge } from './api/ipc-transport.ts';
import { SearchPalette } from './components/SearchPalette.tsx';
import { Link } from './components/ui.tsx';
import { date } from './lib/format.ts';
import { CaseHome } from './screens/case-home/CaseHome.tsx';
import { EventsScreen } from './screens/events/EventsScreen.tsx';
import { ExplorerScreen } from './screens/explorer/ExplorerScreen.tsx';
import { FindingsScreen } from './screens/findings/FindingsScreen.tsx';
import { IdentityScreen } from './screens/identity/IdentityScreen.tsx';
import { addPaths } from './screens/import/import-job.ts';
import { ImportScreen } from './screens/import/ImportScreen.tsx';
import { InventoryScreen } from './screens/inventory/InventoryScreen.tsx';
import { OverviewScreen } from './screens/overview/OverviewScreen.tsx';
import { ReachScreen } from './screens/reach/ReachScreen.tsx';
import { WalkScreen } from './screens/walk/WalkScreen.tsx';
import { walkParams } from './screens/walk/walk-route.ts';
import { SystemScreen } from './screens/system/SystemScreen.tsx';
import { useCaseStore } from './state/case-store.ts';
import { lastHref, useRouter, type Route, type Screen } from './state/router.ts';

const NAV: { screen: Screen; label: string; needsCase: boolean }[] = [
  { screen: 'home', label: 'Cases', needsCase: false },
  { screen: 'import', label: 'Import', needsCase: true },
  { screen: 'overview', label: 'Overview', needsCase: true },
  { screen: 'inventory', label: 'Inventory', needsCase: true },
  { screen: 'findings', label: 'Findings', needsCase: true },
  { screen: 'walk', label: 'Attack paths', needsCase: true },
  { screen: 'explore', label: 'Graph', needsCase: true },
  { screen: 'events', label: 'Events', needsCase: true },
];

export function App() {
  const route = useRouter((s) => s.route);
  const info = useCaseStore((s) => s.info);
  const [searching, setSearching] = useState(false);
  const [ready, setReady] = useState(false);

  // The server (or the desktop app) may have opened a case already: show it instead of the case list.
  useEffect(() => {
    request('case.info', {})
      .then(
        (i) => {
          useCaseStore.getState().setInfo(i);
          if (useRouter.getState().route.screen === 'home' && !location.hash) useRouter.getState().go('overview');
        },
        () => undefined,
      )
      .finally(() => setReady(true));
  }, []);

  // Desktop: files dropped anywhere on the window (or picked with File › Import…) open the Import screen.
  useEffect(
    () =>
      electronBridge()?.onFiles?.((paths) => {
        addPaths(paths);
        useRouter.getState().go('import');
      }),
    [],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSearching(true);
      } else if (e.altKey && !e.ctrlKey && !e.metaKey && /^[1-8]$/.test(e.key)) {
        // Alt+1…8 jump between the main screens, in sidebar order.
        e.preventDefault();
        location.hash = lastHref(NAV[Number(e.key) - 1].screen);
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  const needsCase = NAV.find((n) => n.screen === route.screen)?.needsCase ?? true;
  return (
    <div className="app">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Screens">
        <div className="brand">Blastmap</div>
        {NAV.map((n) => (
          // Back to the screen as it was left: its query, filters and selection (state/router.ts).
          <a
            key={n.screen}
            href={lastHref(n.screen)}
            title={`Alt+${NAV.indexOf(n) + 1}`}
            className={`nav${route.screen === n.screen ? ' current' : ''}${n.needsCase && !info ? ' disabled' : ''}`}
          >
            {n.label}
          </a>
        ))}
        <button type="button" className="nav search-button" onClick={() => setSearching(true)} disabled={!info}>
          Search <kbd>Ctrl K</kbd>
        </button>
      </nav>
      <div className="workspace">
        <header className="topbar">
          {info ? (
            <>
              <span className="case-path" title={info.path}>
                {info.path.split(/[\\/]/).pop()}
              </span>
              {info.readOnly && (
                <span className="badge badge-readonly" title="Evidence mode: nothing can change the case">
                  read-only
                </span>
              )}
              <span className="muted">
                as of <strong className="as-of">{date(info.asOf)}</strong>
              </span>
              <span className="muted">{info.sources} sources</span>
            </>
          ) : (
            <span className="muted">No case open</span>
          )}
        </header>
        <main id="main" className="screen" tabIndex={-1}>
          {!ready ? null : needsCase && !info ? <NoCase /> : <CurrentScreen route={route} />}
        </main>
      </div>
      {searching && info && <SearchPalette onClose={() => setSearching(false)} />}
    </div>
  );
}

function CurrentScreen({ route }: { route: Route }) {
  const { screen, arg } = route;
  switch (screen) {
    case 'home':
      return <CaseHome />;
    case 'import':
      return <ImportScreen />;
    case 'overview':
      return <OverviewScreen />;
    case 'inventory':
      return <InventoryScreen tab={arg} />;
    case 'identity':
      return <IdentityScreen id={arg} />;
    case 'system':
      return <SystemScreen id={arg} />;
    case 'findings':
      return <FindingsScreen route={route} />;
    case 'graph':
      return <ReachScreen route={route} />;
    // The one attack-path screen: an old #/paths/<id> link opens the walker from that identity.
    case 'paths':
      return <Redirect screen="walk" params={walkParams({ from: arg ? [arg] : undefined })} />;
    case 'walk':
      return <WalkScreen route={route} />;
    case 'explore':
      return <ExplorerScreen route={route} />;
    case 'events':
      return <EventsScreen arg={arg} />;
  }
}

function Redirect({ screen, params }: { screen: Screen; params: Parameters<ReturnType<typeof useRouter.getState>['go']>[2] }) {
  useEffect(() => useRouter.getState().go(screen, null, params, { replace: true }), []);
  return null;
}

function NoCase() {
  return (
    <div className="empty-state">
      <h1>No case is open</h1>
      <p>Open or create a case first.</p>
      <Link to="home" className="button primary">
        Go to cases
      </Link>
    </div>
  );
}
