import { useState } from 'preact/hooks';
import { must, type Api, type Schemas } from '../api/client';
import { More, Problem, usePaged } from '../paged';
import { Link } from '../router';
import { text, when } from '../text';

type WebhookEvent = Schemas['WebhookEvent'];

/** Every event the API document lists, with what it means: a new event in the document is a compile error here until it has its words. */
export const webhookEvents: Record<WebhookEvent, string> = {
  'proposal.approved': 'a proposal is approved',
  'proposal.rejected': 'a proposal is rejected',
  'digest.ready': "a chat's daily digest is delivered",
};

/** Registered webhooks (admin): register one (its signing secret is shown once), delete one, open one's delivery log. */
export function Webhooks({ api }: { api: Api }) {
  const webhooks = usePaged((continuation?: string) => must(api.GET('/api/webhooks', { params: { query: { continuation } } })), [api]);
  const [created, setCreated] = useState<Schemas['WebhookResponse'] | null>(null);
  const [status, setStatus] = useState('');

  const remove = async (webhook: Schemas['WebhookResponse']) => {
    if (!confirm(`Delete the webhook to ${text(webhook.url)}? Deliveries still queued for it are dropped.`)) {
      return;
    }
    const { response } = await api.DELETE('/api/webhooks/{id}', { params: { path: { id: text(webhook.id) } } });
    setStatus(response.ok ? `Deleted the webhook to ${text(webhook.url)}.` : `Not deleted: ${response.status} ${response.statusText}`);
    await webhooks.refresh();
  };

  return (
    <section aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">Webhooks</h1>
      <p class="muted">Sift POSTs each event a webhook wants to its URL, signed with its secret (X-Sift-Signature), retrying when the receiver fails.</p>
      <p role="status" class="status">
        {status}
      </p>
      {created ? (
        <Secret webhook={created} onDone={() => setCreated(null)} />
      ) : (
        <Register
          api={api}
          onCreated={async (webhook) => {
            setCreated(webhook);
            setStatus('');
            await webhooks.refresh();
          }}
        />
      )}
      <h2 class="section">Registered</h2>
      <Problem error={webhooks.error} />
      {!webhooks.loading && !webhooks.error && webhooks.items.length === 0 && <p>No webhook registered.</p>}
      <ul class="webhooks">
        {webhooks.items.map((webhook) => (
          <li key={text(webhook.id)}>
            <article class="source" aria-label={`Webhook to ${text(webhook.url)}`}>
              <header>
                <h3 class="url">{text(webhook.url)}</h3>
              </header>
              <p>
                {webhook.events.map((event) => (
                  <span class="badge">{event}</span>
                ))}{' '}
                <span class="muted">
                  secret {text(webhook.secretMasked)} · registered {when(webhook.createdAt)}
                </span>
              </p>
              <div class="actions">
                <Link href={`/webhooks/${encodeURIComponent(text(webhook.id))}`}>Delivery log of {text(webhook.url)}</Link>
                <button type="button" class="quiet" onClick={() => remove(webhook)}>
                  Delete {text(webhook.url)}
                </button>
              </div>
            </article>
          </li>
        ))}
      </ul>
      <More list={webhooks} label="webhooks" />
    </section>
  );
}

function Register({ api, onCreated }: { api: Api; onCreated: (webhook: Schemas['WebhookResponse']) => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const events = form.getAll('events').map(String) as WebhookEvent[];
    if (events.length === 0) {
      setError('Choose at least one event.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onCreated(await must(api.POST('/api/webhooks', { body: { url: String(form.get('url') ?? '').trim(), events } })));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="editor settings" onSubmit={submit} aria-labelledby="register-title">
      <h2 id="register-title" class="section">
        Register a webhook
      </h2>
      <label>
        Receiver URL
        <input name="url" type="url" required placeholder="https://tracker.example.com/sift" aria-describedby="url-help" />
      </label>
      <p id="url-help" class="hint">
        An https address Sift can reach on the internet.
      </p>
      <fieldset>
        <legend>Send it when</legend>
        {Object.entries(webhookEvents).map(([event, meaning]) => (
          <label class="check">
            <input type="checkbox" name="events" value={event} /> {meaning} <span class="muted">({event})</span>
          </label>
        ))}
      </fieldset>
      <Problem error={error} />
      <button type="submit" disabled={busy}>
        Register
      </button>
    </form>
  );
}

/** The signing secret, which the API gives only in the answer to the registration. */
function Secret({ webhook, onDone }: { webhook: Schemas['WebhookResponse']; onDone: () => void }) {
  const [copied, setCopied] = useState('');
  const secret = text(webhook.secret);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied.');
    } catch {
      setCopied('Copying is not allowed here: select the secret and copy it.');
    }
  };
  return (
    <section class="secret" aria-labelledby="secret-title">
      <h2 id="secret-title" class="section">
        Signing secret of {text(webhook.url)}
      </h2>
      <p>Shown this once: copy it into the receiver now, which checks each delivery's X-Sift-Signature with it. Sift keeps it only encrypted and never shows it again.</p>
      <label>
        Signing secret
        <input type="text" readOnly value={secret} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
      </label>
      <div class="actions">
        <button type="button" onClick={copy}>
          Copy the secret
        </button>
        <button type="button" class="quiet" onClick={onDone}>
          Done, I kept it
        </button>
      </div>
      <p role="status">{copied}</p>
    </section>
  );
}
