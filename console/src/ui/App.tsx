// The shell: sign-in when there is no session, else navigation + the page the hash names.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Api, whoAmI } from '../api/client';
import { kindsFromCrds } from '../resources/custom';
import { KINDS, type KindInfo, kindByKey, registerCustomKinds } from '../resources/kinds';
import { formatRoute, type Route } from '../router';
import { clearSession, loadSession, saveSession, type Session } from '../session';
import { ApplyPage } from './ApplyPage';
import { DetailPage } from './DetailPage';
import { ThemeToggle } from './ThemeToggle';
import { usePolledList, useRoute } from './hooks';
import { ListPage } from './ListPage';
import { Overview } from './Overview';
import { SignIn } from './SignIn';

export function App() {
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const [notice, setNotice] = useState<string>();
  const route = useRoute();
  const api = useMemo(
    () =>
      session &&
      new Api(session.token, (message) => {
        clearSession();
        setSession(undefined);
        setNotice(`Signed out: ${message}`);
      }),
    [session],
  );

  // A session restored without its user name (e.g. the token set by a script): ask who it is.
  useEffect(() => {
    if (!session || session.user) return;
    whoAmI(session.token).then(
      (user) => {
        saveSession({ ...session, user });
        setSession({ ...session, user });
      },
      () => undefined,
    );
  }, [session]);

  if (!session || !api) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(s) => {
          saveSession(s);
          setNotice(undefined);
          setSession(s);
        }}
      />
    );
  }
  const signOut = () => {
    clearSession();
    setSession(undefined);
    setNotice('You have signed out.');
  };
  return <Shell api={api} user={session.user} route={route} signOut={signOut} />;
}

function Shell({ api, user, route, signOut }: { api: Api; user: string; route: Route; signOut: () => void }) {
  // CustomResourceDefinitions change rarely: re-read every 30 s (no stream held for them).
  // A link to a kind not known yet (a custom resource just defined) re-reads them at once.
  const unknownKind = (route.page === 'list' || route.page === 'detail') && !kindByKey(route.kind) ? route.kind : undefined;
  const crds = usePolledList(api, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', 30_000, unknownKind);
  const custom = useMemo(() => {
    const kinds = kindsFromCrds(crds.state ?? []);
    registerCustomKinds(kinds);
    return kinds;
  }, [crds.state]);
  return (
    <div class="shell">
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="#/">
          kubeflare
        </a>
        <ThemeToggle />
        <span class="user" title="Signed in as">
          {user}
        </span>
        <button type="button" class="signout" onClick={signOut}>
          Sign out
        </button>
      </header>
      <Nav route={route} kinds={[...KINDS, ...custom]} />
      <main id="main" tabIndex={-1}>
        <Page route={route} api={api} />
      </main>
    </div>
  );
}

function Page({ route, api }: { route: Route; api: Api }) {
  switch (route.page) {
    case 'overview':
      return <Overview api={api} />;
    case 'list':
      return <ListPage api={api} route={route} />;
    case 'detail':
      return <DetailPage api={api} route={route} />;
    case 'apply':
      return <ApplyPage api={api} route={route} />;
    default:
      return (
        <section>
          <h1>Page not found</h1>
          <p>
            Nothing lives at <code>{route.path}</code>. <a href="#/">Go to the overview</a>.
          </p>
        </section>
      );
  }
}

function Nav({ route, kinds }: { route: Route; kinds: KindInfo[] }) {
  const ns = route.page === 'list' || route.page === 'detail' ? route.ns : undefined;
  const current = route.page === 'list' || route.page === 'detail' ? route.kind : route.page;
  const sections = [...new Set(kinds.map((k) => k.section))];
  return (
    <nav class="side" aria-label="Resources">
      <a href="#/" aria-current={current === 'overview' ? 'page' : undefined}>
        Overview
      </a>
      <a href={formatRoute({ page: 'apply', ns })} aria-current={current === 'apply' ? 'page' : undefined}>
        Create / apply YAML
      </a>
      {sections.map((s) => (
        <div key={s}>
          <h2>{s}</h2>
          <ul>
            {kinds.filter((k) => k.section === s).map((k) => (
              <li key={k.key}>
                <a href={formatRoute({ page: 'list', kind: k.key, ns: k.namespaced ? ns : undefined })} aria-current={current === k.key ? 'page' : undefined}>
                  {k.title}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
