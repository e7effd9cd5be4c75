import { must, type Api, type Schemas } from '../api/client';
import { useLive } from '../live';
import { More, Problem, usePaged } from '../paged';
import { text, when } from '../text';

type Run = Schemas['OrchestrationStatusResponse'];

export const isActive = (run: { status: Schemas['OrchestrationStatus'] } | null | undefined) => run?.status === 'Pending' || run?.status === 'Running';

/** Orchestrations (ingestion, knowledge runs, reanalysis), most recently updated first, updated live as they progress. */
export function Runs({ api }: { api: Api }) {
  const runs = usePaged((continuation?: string) => must(api.GET('/api/orchestrations', { params: { query: { continuation } } })), [api]);
  useLive(api, undefined, ['run.progress'], runs.refresh);
  return (
    <section aria-labelledby="runs-title">
      <h1 id="runs-title">Runs</h1>
      <Problem error={runs.error} />
      {!runs.loading && !runs.error && runs.items.length === 0 && <p>No run yet: sources, imports and knowledge runs show their progress here.</p>}
      <ol class="runs">
        {runs.items.map((run) => (
          <li key={text(run.instanceId)}>
            <RunView run={run} />
          </li>
        ))}
      </ol>
      <More list={runs} label="runs" />
    </section>
  );
}

export function RunView({ run }: { run: Run }) {
  const { done, total, note } = run.progress;
  return (
    <article class="run" aria-label={`${text(run.name)} ${text(run.instanceId)}`}>
      <header>
        <strong>{text(run.name)}</strong> <span class={`badge run-${run.status}`}>{run.status}</span>{' '}
        <span class="muted">
          {text(run.instanceId)} · updated <time dateTime={text(run.lastUpdatedAt)}>{when(run.lastUpdatedAt)}</time>
        </span>
      </header>
      <p class="progress">
        {total ? <progress value={done} max={total} aria-label={`Progress of ${text(run.instanceId)}`} /> : null}{' '}
        {total ? `${done} of ${total}` : `${done} done`}
        {note ? ` · ${text(note)}` : ''}
      </p>
      {run.error ? <p class="problem">{text(run.error)}</p> : null}
    </article>
  );
}
