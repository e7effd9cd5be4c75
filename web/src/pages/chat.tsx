import { useEffect, useState } from 'preact/hooks';
import { must, type Api, type Schemas } from '../api/client';
import { More, Problem, usePaged } from '../paged';
import { useLive } from '../live';
import { Link, navigate } from '../router';
import { className, messageClasses, text } from '../text';
import { MessageView } from './message';

type Message = Schemas['MessageResponse'];

/** A chat's messages, newest first, filtered by class, importance and topic (kept in the address, so a filtered view can be shared); new and newly analysed messages show up live. */
export function Chat({ api, chatId, query }: { api: Api; chatId: string; query: URLSearchParams }) {
  const filter = {
    class: query.get('class') || undefined,
    importanceMin: query.get('importanceMin') || undefined,
    topicId: query.get('topicId') || undefined,
  };
  const messages = usePaged(
    (continuation?: string) =>
      must(
        api.GET('/api/messages', {
          params: {
            query: { chatId, class: filter.class, importanceMin: filter.importanceMin ? Number(filter.importanceMin) : undefined, topicId: filter.topicId, continuation },
          },
        }),
      ),
    [api, chatId, filter.class, filter.importanceMin, filter.topicId],
  );
  useLive(api, chatId, ['message.stored', 'message.analyzed'], messages.refresh);
  const topics = useTopics(api);
  const byId = new Map(messages.items.map((m) => [m.messageId, m]));
  const replies = new Map<number, Message[]>();
  for (const message of messages.items) {
    if (message.replyToMessageId != null) {
      replies.set(message.replyToMessageId, [...(replies.get(message.replyToMessageId) ?? []), message]);
    }
  }
  // The newest message's UTC day: the digest most worth reading first.
  const newest = messages.items[0] ? text(messages.items[0].date).slice(0, 10) : null;
  const title = messages.items[0] ? text(messages.items[0].chat.title) || chatId : chatId;

  const change = (event: Event) => {
    const form = (event.currentTarget as HTMLSelectElement | HTMLInputElement).form!;
    const next = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (value !== '') {
        next.set(name, String(value));
      }
    }
    const search = next.toString();
    navigate(`/chats/${encodeURIComponent(chatId)}${search ? `?${search}` : ''}`, true);
  };

  return (
    <section aria-labelledby="chat-title">
      <h1 id="chat-title">{title}</h1>
      <p>
        <Link href={`/chats/${encodeURIComponent(chatId)}/digest${newest ? `?date=${newest}` : ''}`}>Digest of {newest ?? 'today'}</Link>
      </p>
      <form class="filters" aria-label="Filter messages" onSubmit={(e) => e.preventDefault()}>
        <label>
          Class
          <select name="class" value={filter.class ?? ''} onChange={change}>
            <option value="">any</option>
            {messageClasses.map((c) => (
              <option value={c}>{className(c)}</option>
            ))}
          </select>
        </label>
        <label>
          Importance at least
          <select name="importanceMin" value={filter.importanceMin ?? ''} onChange={change}>
            <option value="">any</option>
            {['0.25', '0.5', '0.75'].map((v) => (
              <option value={v}>{v}</option>
            ))}
          </select>
        </label>
        <label>
          Topic
          <select name="topicId" value={filter.topicId ?? ''} onChange={change}>
            <option value="">any</option>
            {topics.map((t) => (
              <option value={text(t.id)}>{text(t.name)}</option>
            ))}
          </select>
        </label>
      </form>
      <Problem error={messages.error} />
      {!messages.loading && !messages.error && messages.items.length === 0 && <p>No message matches.</p>}
      <ol class="messages" aria-label="Messages, newest first">
        {messages.items.map((message) => (
          <li key={message.messageId}>
            <MessageView
              message={message}
              parent={message.replyToMessageId != null ? byId.get(message.replyToMessageId) : undefined}
              replies={replies.get(message.messageId)}
              api={api}
              onLabelled={messages.refresh}
            />
          </li>
        ))}
      </ol>
      <More list={messages} label="messages" />
    </section>
  );
}

function useTopics(api: Api): Schemas['TopicResponse'][] {
  const [topics, setTopics] = useState<Schemas['TopicResponse'][]>([]);
  useEffect(() => {
    must(api.GET('/api/topics', { params: { query: { limit: 200 } } })).then((page) => setTopics(page.items), () => setTopics([]));
  }, [api]);
  return topics;
}
