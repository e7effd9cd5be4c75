import { must, type Api } from '../api/client';
import { More, Problem, usePaged } from '../paged';
import { useLive } from '../live';
import { Link } from '../router';
import { text, when } from '../text';

export function Chats({ api }: { api: Api }) {
  const chats = usePaged(
    (continuation?: string) => must(api.GET('/api/chats', { params: { query: { continuation } } })),
    [api],
  );
  useLive(api, undefined, ['message.stored'], chats.refresh);
  return (
    <section aria-labelledby="chats-title">
      <h1 id="chats-title">Chats</h1>
      <Problem error={chats.error} />
      {!chats.loading && !chats.error && chats.items.length === 0 && <p>No chat yet: messages appear here once a bot or a source delivers them.</p>}
      {chats.items.length > 0 && (
        <table class="chats">
          <thead>
            <tr>
              <th scope="col">Chat</th>
              <th scope="col" class="number">
                Messages
              </th>
              <th scope="col">Last activity</th>
            </tr>
          </thead>
          <tbody>
            {chats.items.map((chat) => (
              <tr key={text(chat.id)}>
                <td>
                  <Link href={`/chats/${encodeURIComponent(text(chat.id))}`}>{text(chat.title) || (chat.username ? `@${text(chat.username)}` : text(chat.id))}</Link>
                  <span class="muted"> {text(chat.type)}</span>
                </td>
                <td class="number">{chat.messageCount.toLocaleString()}</td>
                <td>
                  <time dateTime={text(chat.lastMessageAt)}>{when(chat.lastMessageAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <More list={chats} label="chats" />
    </section>
  );
}
