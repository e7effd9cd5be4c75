import { useEffect, useState } from 'preact/hooks';
import { must, type Api, type Schemas } from '../api/client';
import { More, Problem, usePaged, usePolling } from '../paged';
import { Link } from '../router';
import { text, when } from '../text';

/** A webhook's delivery log, newest attempt first, paged; polled while the newest attempt is not settled (or there is none yet). */
export function WebhookLog({ api, id }: { api: Api; id: string }) {
  const [webhook, setWebhook] = useState<Schemas['WebhookResponse'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    must(api.GET('/api/webhooks/{id}', { params: { path: { id } } })).then(
      (w) => live && setWebhook(w),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, id]);
  const log = usePaged((continuation?: string) => must(api.GET('/api/webhooks/{id}/deliveries', { params: { path: { id }, query: { continuation } } })), [api, id]);
  const newest = log.items[0]?.outcome;
  usePolling(!log.error && !log.continuation && (newest === undefined || newest === 'sending' || newest === 'retrying'), log.refresh);

  return (
    <section aria-labelledby="log-title">
      <h1 id="log-title">Delivery log</h1>
      <p>
        <Link href="/webhooks">Back to the webhooks</Link>
      </p>
      <Problem error={error} />
      {webhook && (
        <p>
          To <strong class="url">{text(webhook.url)}</strong>, for {webhook.events.join(', ')}.
        </p>
      )}
      <Problem error={log.error} />
      {!log.loading && !log.error && log.items.length === 0 && <p>Nothing sent yet.</p>}
      <ol class="messages">
        {log.items.map((attempt) => (
          <li key={`${text(attempt.deliveryId)}-${attempt.attempt}`}>
            <article class="message attempt">
              <header>
                <strong>{attempt.event}</strong> <span class={`badge outcome-${attempt.outcome}`}>{attempt.outcome}</span>{' '}
                <span class="muted">
                  attempt {attempt.attempt} · <time dateTime={text(attempt.at)}>{when(attempt.at)}</time>
                  {attempt.statusCode != null ? ` · answered ${attempt.statusCode}` : ''}
                </span>
              </header>
              {attempt.error ? <p class="text">{text(attempt.error)}</p> : null}
              <p class="muted">delivery {text(attempt.deliveryId)}</p>
            </article>
          </li>
        ))}
      </ol>
      <More list={log} label="attempts" />
    </section>
  );
}
