import { useState } from 'preact/hooks';
import { must, type Api, type Schemas } from '../api/client';
import { More, Problem, usePaged } from '../paged';
import { text, when } from '../text';

/** Each queue's depth and poison depth; a queue's poison messages can be read, requeued or dropped. */
export function Queues({ api }: { api: Api }) {
  const queues = usePaged(() => must(api.GET('/api/queues')), [api]);
  // Here, not in a queue's section: that section goes once its last poisoned message does.
  const [status, setStatus] = useState('');
  const changed = async (said: string) => {
    setStatus(said);
    await queues.refresh();
  };
  return (
    <section aria-labelledby="queues-title">
      <h1 id="queues-title">Queues</h1>
      <p role="status" class="status">
        {status}
      </p>
      <Problem error={queues.error} />
      <table class="chats">
        <thead>
          <tr>
            <th scope="col">Queue</th>
            <th scope="col" class="number">
              Waiting
            </th>
            <th scope="col" class="number">
              Poisoned
            </th>
            <th scope="col" class="number">
              Oldest
            </th>
          </tr>
        </thead>
        <tbody>
          {queues.items.map((queue) => (
            <tr key={text(queue.name)}>
              <td>
                {text(queue.name)} <span class="muted">→ {text(queue.function)}</span>
              </td>
              <td class="number">{queue.depth}</td>
              <td class="number">{queue.poisonDepth}</td>
              <td class="number">{queue.oldestAgeSeconds != null ? `${Math.round(queue.oldestAgeSeconds)} s` : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {queues.items
        .filter((queue) => queue.poisonDepth > 0)
        .map((queue) => (
          <Poison api={api} queue={queue} onChanged={changed} />
        ))}
    </section>
  );
}

function Poison({ api, queue, onChanged }: { api: Api; queue: Schemas['QueueSummary']; onChanged: (status: string) => Promise<void> }) {
  const name = text(queue.name);
  const messages = usePaged((continuation?: string) => must(api.GET('/api/queues/{name}/poison', { params: { path: { name }, query: { continuation } } })), [api, name]);
  const act = async (id: string, action: 'requeue' | 'delete') => {
    const { response } =
      action === 'requeue'
        ? await api.POST('/api/queues/{name}/poison/{id}/requeue', { params: { path: { name, id } } })
        : await api.DELETE('/api/queues/{name}/poison/{id}', { params: { path: { name, id } } });
    messages.update((list) => (response.ok ? list.filter((m) => text(m.id) !== id) : list));
    await onChanged(response.ok ? `${action === 'requeue' ? 'Requeued' : 'Dropped'} ${id} of ${name}.` : `${id} of ${name}: ${response.status} ${response.statusText}`);
  };
  return (
    <section aria-labelledby={`poison-${name}`}>
      <h2 id={`poison-${name}`} class="section">
        Poisoned messages of {name}
      </h2>
      <Problem error={messages.error} />
      <ol class="messages">
        {messages.items.map((message) => (
          <li key={text(message.id)}>
            <article class="message">
              <header>
                <strong>{text(message.id)}</strong> <span class="muted">{when(message.insertedAt)} · tried {message.dequeueCount === 1 ? "once" : `${message.dequeueCount} times`}</span>
              </header>
              <pre class="body">
                {text(message.body)}
                {message.truncated ? '…' : ''}
              </pre>
              <div class="actions">
                <button type="button" onClick={() => act(text(message.id), 'requeue')}>
                  Requeue {text(message.id)}
                </button>
                <button type="button" class="quiet" onClick={() => act(text(message.id), 'delete')}>
                  Drop {text(message.id)}
                </button>
              </div>
            </article>
          </li>
        ))}
      </ol>
      <More list={messages} label="poisoned messages" />
    </section>
  );
}
