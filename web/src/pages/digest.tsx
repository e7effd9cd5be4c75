import { useEffect, useState } from 'preact/hooks';
import { must, type Api, type Schemas } from '../api/client';
import { Problem } from '../paged';
import { Link, navigate } from '../router';
import { className, text, when } from '../text';

type Digest = Schemas['DigestResponse'];

/** One UTC day of a chat (the date in the address, today by default): counts, top messages, the day's knowledge and open proposals. */
export function DigestPage({ api, chatId, query }: { api: Api; chatId: string; query: URLSearchParams }) {
  const date = query.get('date') || new Date().toISOString().slice(0, 10);
  const [digest, setDigest] = useState<Digest | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setDigest(null);
    setError(null);
    must(api.GET('/api/chats/{chatId}/digest', { params: { path: { chatId }, query: { date } } })).then(
      (d) => live && setDigest(d),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, chatId, date]);
  const chatPath = `/chats/${encodeURIComponent(chatId)}`;

  return (
    <section aria-labelledby="digest-title">
      <h1 id="digest-title">Digest of {date}</h1>
      <p>
        <Link href={chatPath}>Back to the chat</Link> · <Link href={`${chatPath}/delivery`}>Deliver it daily</Link>
      </p>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Day (UTC)
          <input type="date" value={date} required onChange={(e) => navigate(`${chatPath}/digest?date=${(e.currentTarget as HTMLInputElement).value}`, true)} />
        </label>
      </form>
      <Problem error={error} />
      {digest && <DigestView digest={digest} />}
    </section>
  );
}

function DigestView({ digest }: { digest: Digest }) {
  const counts = (byKey: Record<string, number>) =>
    Object.entries(byKey)
      .filter(([, n]) => n > 0)
      .map(([key, n]) => `${className(key)} ${n}`)
      .join(' · ') || 'none';
  return (
    <>
      <p>
        {digest.messages} messages. By class: {counts(digest.byClass)}. By topic: {counts(digest.byTopic)}.
      </p>
      <h2 class="section">Top messages</h2>
      {digest.topMessages.length === 0 && <p class="muted">No message that day.</p>}
      <ol class="messages">
        {digest.topMessages.map((message) => (
          <li key={message.messageId}>
            <article class="message">
              <header>
                <strong>{text(message.sender) || 'unknown sender'}</strong> <time dateTime={text(message.date)}>{when(message.date)}</time>{' '}
                <span class={`badge class-${message.class}`}>{className(message.class)}</span> <span class="muted">importance {message.importance.toFixed(2)}</span>
              </header>
              <p class="text">{text(message.excerpt)}</p>
            </article>
          </li>
        ))}
      </ol>
      <h2 class="section">Knowledge</h2>
      {digest.atoms.length === 0 && <p class="muted">Nothing extracted that day: a knowledge run over it extracts decisions, action items and more.</p>}
      <ul class="atoms">
        {digest.atoms.map((atom) => (
          <li key={text(atom.id)}>
            <span class="badge">{className(atom.kind)}</span> <strong>{text(atom.title)}</strong>
            {atom.owner ? ` · ${text(atom.owner)}` : ''}
            {atom.dueDate ? ` · due ${text(atom.dueDate)}` : ''}
          </li>
        ))}
      </ul>
      <h2 class="section">Open proposals</h2>
      {digest.openProposals.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <p>
          {digest.openProposals.length} waiting: <Link href="/review">review them</Link>.
        </p>
      )}
    </>
  );
}
