import { useMemo, useState } from 'preact/hooks';
import { apiClient, type Api } from './api/client';
import { Link, useLocation } from './router';
import { forgetKey, storedKey, storeKey } from './session';
import { SignIn } from './pages/sign-in';
import { Chats } from './pages/chats';
import { Chat } from './pages/chat';
import { Search } from './pages/search';
import { Review } from './pages/review';

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
  const section = path.startsWith('/search') ? 'search' : path.startsWith('/review') ? 'review' : 'chats';
  const chat = /^\/chats\/([^/]+)$/.exec(path);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="bar">
        <span class="brand">Sift</span>
        <nav aria-label="Sections">
          <Link href="/" current={section === 'chats'}>
            Chats
          </Link>
          <Link href="/search" current={section === 'search'}>
            Search
          </Link>
          <Link href="/review" current={section === 'review'}>
            Review
          </Link>
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
        ) : section === 'search' && path === '/search' ? (
          <Search api={api} query={query} />
        ) : section === 'review' && path === '/review' ? (
          <Review api={api} />
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
