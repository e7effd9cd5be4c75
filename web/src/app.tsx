import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { apiClient, type Api } from './api/client';
import { Link, useLocation } from './router';
import { forgetKey, storedKey, storeKey } from './session';
import { SignIn } from './pages/sign-in';
import { Chats } from './pages/chats';
import { Chat } from './pages/chat';
import { Search } from './pages/search';
import { Review } from './pages/review';
import { Runs } from './pages/runs';
import { Sources } from './pages/sources';
import { Queues } from './pages/queues';
import { DigestPage } from './pages/digest';
import { Webhooks } from './pages/webhooks';
import { WebhookLog } from './pages/webhook-log';
import { DigestDelivery } from './pages/digest-delivery';

/** The sections in the navigation bar, each a path and the page that shows it. */
const sections: { path: string; name: string; page: (props: { api: Api; query: URLSearchParams }) => JSX.Element }[] = [
  { path: '/search', name: 'Search', page: Search },
  { path: '/review', name: 'Review', page: Review },
  { path: '/runs', name: 'Runs', page: Runs },
  { path: '/sources', name: 'Sources', page: Sources },
  { path: '/queues', name: 'Queues', page: Queues },
  { path: '/webhooks', name: 'Webhooks', page: Webhooks },
];

export function App() {
  const [key, setKey] = useState(storedKey);
  const signOut = () => {
    forgetKey();
    setKey(null);
  };
  const api = useMemo(() => (key ? apiClient(key, signOut) : null), [key]);

  if (!api) {
    return (
      <SignIn
        onSignedIn={(signedIn) => {
          storeKey(signedIn);
          setKey(signedIn);
        }}
      />
    );
  }
  return <Shell api={api} onSignOut={signOut} />;
}

function Shell({ api, onSignOut }: { api: Api; onSignOut: () => void }) {
  const { path, query } = useLocation();
  const section = sections.find((s) => s.path === path);
  const chat = /^\/chats\/([^/]+)$/.exec(path);
  const digest = /^\/chats\/([^/]+)\/digest$/.exec(path);
  const delivery = /^\/chats\/([^/]+)\/delivery$/.exec(path);
  const webhookLog = /^\/webhooks\/([^/]+)$/.exec(path);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="bar">
        <span class="brand">Sift</span>
        <nav aria-label="Sections">
          <Link href="/" current={path === '/' || chat !== null || digest !== null || delivery !== null}>
            Chats
          </Link>
          {sections.map((s) => (
            <Link href={s.path} current={s === section || (s.path === '/webhooks' && webhookLog !== null)}>
              {s.name}
            </Link>
          ))}
        </nav>
        <button type="button" class="quiet" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {path === '/' || path === '/chats' ? (
          <Chats api={api} />
        ) : chat ? (
          <Chat api={api} chatId={decodeURIComponent(chat[1]!)} query={query} />
        ) : digest ? (
          <DigestPage api={api} chatId={decodeURIComponent(digest[1]!)} query={query} />
        ) : delivery ? (
          <DigestDelivery api={api} chatId={decodeURIComponent(delivery[1]!)} />
        ) : webhookLog ? (
          <WebhookLog api={api} id={decodeURIComponent(webhookLog[1]!)} />
        ) : section ? (
          <section.page api={api} query={query} />
        ) : (
          <NotFound />
        )}
      </main>
    </>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        Nothing is at this address. <Link href="/">See the chats</Link>.
      </p>
    </section>
  );
}
