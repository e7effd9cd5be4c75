import { useEffect, useState } from 'preact/hooks';
import { text } from './text';

type Page<T> = { items: T[]; continuation?: unknown };
type Paged<T> = { items: T[]; continuation: string | null; loading: boolean; error: string | null };

/** A list the API pages with continuation tokens: the first page when `deps` change, the next one on `more()`. */
export function usePaged<T>(load: (continuation?: string) => Promise<Page<T>>, deps: unknown[]) {
  const [state, setState] = useState<Paged<T>>({ items: [], continuation: null, loading: true, error: null });

  useEffect(() => {
    let live = true;
    setState({ items: [], continuation: null, loading: true, error: null });
    load().then(
      (page) => live && setState({ items: page.items, continuation: text(page.continuation) || null, loading: false, error: null }),
      (error: Error) => live && setState({ items: [], continuation: null, loading: false, error: error.message }),
    );
    return () => {
      live = false;
    };
  }, deps);

  const more = async () => {
    if (!state.continuation) {
      return;
    }
    setState({ ...state, loading: true });
    try {
      const page = await load(state.continuation);
      setState({ items: [...state.items, ...page.items], continuation: text(page.continuation) || null, loading: false, error: null });
    } catch (error) {
      setState({ ...state, loading: false, error: (error as Error).message });
    }
  };

  /** The first page again, shown when it arrives (no flash of an empty list): for live updates. */
  const refresh = async () => {
    try {
      const page = await load();
      setState({ items: page.items, continuation: text(page.continuation) || null, loading: false, error: null });
    } catch (error) {
      setState((old) => ({ ...old, error: (error as Error).message }));
    }
  };

  const update = (change: (items: T[]) => T[]) => setState((old) => ({ ...old, items: change(old.items) }));
  return { ...state, more, update, refresh };
}

/** Calls `tick` every `interval` ms while `active`, and stops when the page goes: for what the event stream does not carry (a webhook's delivery log). */
export function usePolling(active: boolean, tick: () => Promise<void>, interval = 2000) {
  useEffect(() => {
    if (!active) {
      return;
    }
    const timer = setTimeout(tick, interval);
    return () => clearTimeout(timer);
  });
}

export function Problem({ error }: { error: string | null }) {
  return error ? (
    <p class="problem" role="alert">
      {error}
    </p>
  ) : null;
}

export function More({ list, label }: { list: { continuation: string | null; loading: boolean; more: () => void }; label: string }) {
  if (list.loading) {
    return <p role="status">Loading…</p>;
  }
  return list.continuation ? (
    <button type="button" class="more" onClick={list.more}>
      More {label}
    </button>
  ) : null;
}
