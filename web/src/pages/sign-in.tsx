import { useState } from 'preact/hooks';
import { apiClient, must } from '../api/client';

/** Checks the key with one request before keeping it, so a typo is told at once. */
export function SignIn({ onSignedIn }: { onSignedIn: (key: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const key = String(new FormData(event.currentTarget as HTMLFormElement).get('key') ?? '').trim();
    setBusy(true);
    setError(null);
    let rejected = false;
    try {
      await must(apiClient(key, () => (rejected = true)).GET('/api/chats', { params: { query: { limit: 1 } } }));
      onSignedIn(key);
    } catch (failure) {
      setError(rejected ? 'Sift does not know this key.' : (failure as Error).message);
      setBusy(false);
    }
  };

  return (
    <main id="main" class="sign-in">
      <h1>Sift</h1>
      <form onSubmit={submit} aria-describedby="key-help">
        <label for="key">API key</label>
        <input id="key" name="key" type="password" autocomplete="current-password" required minLength={1} aria-invalid={error ? true : undefined} />
        <p id="key-help" class="hint">
          The key Sift printed on its first start, or one an admin made for you. It is kept in this tab only and forgotten when the tab closes.
        </p>
        {error && (
          <p class="problem" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
