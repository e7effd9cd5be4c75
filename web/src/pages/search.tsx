import { must, type Api } from '../api/client';
import { More, Problem, usePaged } from '../paged';
import { Link, navigate } from '../router';
import { Snippet } from '../snippet';
import { className, text, when } from '../text';

/** Search across chats by words and meaning; the query lives in the address (/search?q=). */
export function Search({ api, query }: { api: Api; query: URLSearchParams }) {
  const q = query.get('q')?.trim() ?? '';
  const results = usePaged(
    (continuation?: string) => (q ? must(api.GET('/api/search', { params: { query: { q, class: [], continuation } } })) : Promise.resolve({ items: [] })),
    [api, q],
  );

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const next = String(new FormData(event.currentTarget as HTMLFormElement).get('q') ?? '').trim();
    navigate(next ? `/search?q=${encodeURIComponent(next)}` : '/search');
  };

  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">Search</h1>
      <form role="search" class="search" onSubmit={submit}>
        <label for="q">Words or a question</label>
        <input id="q" name="q" type="search" value={q} key={q} autoFocus={!q} />
        <button type="submit">Search</button>
      </form>
      <Problem error={results.error} />
      {q && !results.loading && !results.error && results.items.length === 0 && <p>Nothing found for “{q}”.</p>}
      <ol class="results" aria-label="Results, best first">
        {results.items.map((hit) => (
          <li key={`${text(hit.chatId)}:${hit.messageId}`}>
            <article class="message">
              <header>
                <Link href={`/chats/${encodeURIComponent(text(hit.chatId))}#m-${hit.messageId}`}>{text(hit.chatTitle) || text(hit.chatId)}</Link>{' '}
                <strong>{hit.sender ? text(hit.sender.name) || `#${hit.sender.id}` : ''}</strong>{' '}
                <time dateTime={text(hit.date)}>{when(hit.date)}</time>
                {hit.class && <span class={`badge class-${text(hit.class)}`}>{className(hit.class)}</span>}
              </header>
              <Snippet html={text(hit.snippet)} />
            </article>
          </li>
        ))}
      </ol>
      <More list={results} label="results" />
    </section>
  );
}
