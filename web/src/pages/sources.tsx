import { useState } from 'preact/hooks';
import { must, type Api } from '../api/client';
import { useLive } from '../live';
import { More, Problem, usePaged } from '../paged';
import { text, when } from '../text';
import { isActive, RunView } from './runs';

/** Polled sources with their last run (a run can be started here), and the registered bots with their webhook's health. */
export function Sources({ api }: { api: Api }) {
  const sources = usePaged((continuation?: string) => must(api.GET('/api/sources', { params: { query: { continuation } } })), [api]);
  const bots = usePaged((continuation?: string) => must(api.GET('/api/bots', { params: { query: { continuation } } })), [api]);
  const [status, setStatus] = useState('');
  useLive(api, undefined, ['run.progress'], sources.refresh);

  const run = async (id: string, name: string) => {
    const { response, error } = await api.POST('/api/sources/{id}/run', { params: { path: { id } } });
    const detail = error && typeof error === 'object' && 'detail' in error ? text(error.detail) : '';
    setStatus(response.ok ? `Started ${name}.` : `${name} did not start: ${detail || response.statusText}`);
    await sources.refresh();
  };

  return (
    <section aria-labelledby="sources-title">
      <h1 id="sources-title">Sources</h1>
      <p role="status" class="status">
        {status}
      </p>
      <Problem error={sources.error} />
      {!sources.loading && !sources.error && sources.items.length === 0 && <p>No polled source: feeds, getUpdates bots and Telegram exports are added through the API.</p>}
      <ul class="sources">
        {sources.items.map((source) => (
          <li key={text(source.id)}>
            <article class="source" aria-labelledby={`s-${text(source.id)}`}>
              <header>
                <h2 id={`s-${text(source.id)}`}>{text(source.name)}</h2>
                <span class="badge">{source.type}</span>
                <span class="muted">
                  {source.enabled ? `every ${source.intervalMinutes} min` : 'disabled'}
                  {source.url ? ` · ${text(source.url)}` : ''}
                </span>
              </header>
              {source.lastRun ? <RunView run={source.lastRun} /> : <p class="muted">Never run.</p>}
              <button type="button" disabled={isActive(source.lastRun)} onClick={() => run(text(source.id), text(source.name))}>
                Run {text(source.name)} now
              </button>
            </article>
          </li>
        ))}
      </ul>
      <More list={sources} label="sources" />

      <h2 class="section">Bots</h2>
      <Problem error={bots.error} />
      {!bots.loading && !bots.error && bots.items.length === 0 && <p>No bot registered.</p>}
      <ul class="bots">
        {bots.items.map((bot) => (
          <li key={bot.id}>
            <strong>@{text(bot.username)}</strong> <span class="muted">{text(bot.tokenMasked)}</span>
            <br />
            {bot.webhook ? (
              <span>
                {bot.webhook.pendingUpdateCount} updates waiting at Telegram, checked {when(bot.webhook.checkedAt)}
                {bot.webhook.lastErrorMessage ? ` · last error: ${text(bot.webhook.lastErrorMessage)}` : ''}
              </span>
            ) : (
              <span class="muted">{bot.webhookUrl ? 'webhook not checked yet' : 'no webhook (getUpdates or none)'}</span>
            )}
          </li>
        ))}
      </ul>
      <More list={bots} label="bots" />
    </section>
  );
}
