import { useEffect, useRef, useState } from 'preact/hooks';
import { must, type Api } from '../api/client';
import { useLive } from '../live';
import { More, Problem, usePaged } from '../paged';
import { className, text } from '../text';
import { ProposalBody, ProposalEditor, type Proposal } from './proposal';

type Decision = 'approve' | 'reject';

/**
 * Pending proposals of every chat, with their atom and cited messages. Keyboard: j/k move, x selects,
 * a approves and r rejects the selected ones (or the focused one), e edits the focused one. Proposals created
 * meanwhile are announced, and shown when asked.
 */
export function Review({ api }: { api: Api }) {
  const proposals = usePaged(
    (continuation?: string) => must(api.GET('/api/proposals', { params: { query: { status: 'pending', limit: 20, continuation, expand: 'atom,messages' } } })),
    [api],
  );
  const [focused, setFocused] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [reason, setReason] = useState('');
  // New proposals are announced, not slid in: the list under the reviewer's keys and selection stays put until asked.
  const [arrived, setArrived] = useState(false);
  useLive(api, undefined, ['proposal.created'], () => setArrived(true));
  const items = useRef<(HTMLElement | null)[]>([]);
  const key = (p: Proposal) => `${text(p.chatId)}/${text(p.id)}`;

  // The key handler is added once and reads what was last drawn from here: a listener added in an effect
  // would be replaced only after the browser paints, so a key pressed in between would act on old state.
  const drawn = useRef({ items: proposals.items, focused, selected, editing, reason });
  drawn.current = { items: proposals.items, focused, selected, editing, reason };

  const focus = (index: number) => {
    const next = Math.max(0, Math.min(index, drawn.current.items.length - 1));
    setFocused(next);
    items.current[next]?.focus();
  };
  const toggle = (proposal: Proposal) =>
    setSelected((old) => {
      const next = new Set(old);
      next.has(key(proposal)) ? next.delete(key(proposal)) : next.add(key(proposal));
      return next;
    });

  /** A decided or edited proposal comes back without its atom and messages: the ones shown stay. */
  const replace = (changed: Proposal) =>
    proposals.update((list) => list.map((p) => (key(p) === key(changed) ? { ...changed, atom: p.atom, messages: p.messages } : p)));

  // One request for all of them (POST /api/proposals/review), answered per proposal.
  const decide = async (decision: Decision, targets: Proposal[]) => {
    const pending = targets.filter((p) => p.status === 'pending');
    if (pending.length === 0) {
      return;
    }
    const reason = drawn.current.reason.trim();
    const failures: string[] = [];
    try {
      const answer = await must(
        api.POST('/api/proposals/review', {
          body: { decision, items: pending.map((p) => ({ chatId: p.chatId, id: text(p.id) })), reason: reason || undefined },
        }),
      );
      for (const result of answer.items) {
        if (result.proposal) {
          replace(result.proposal);
        }
        if (result.outcome !== 'decided') {
          const title = pending.find((p) => text(p.id) === text(result.id))?.title;
          failures.push(`“${text(title ?? result.id)}”: ${text(result.detail)}`);
        }
      }
    } catch (error) {
      failures.push(...pending.map((p) => `“${text(p.title)}”: ${(error as Error).message}`));
    }
    setSelected(new Set());
    setReason('');
    const done = pending.length - failures.length;
    setStatus(`${decision === 'approve' ? 'Approved' : 'Rejected'} ${done} of ${pending.length}.${failures.length ? ` Not decided: ${failures.join(' ')}` : ''}`);
  };

  /** The selected proposals, or else the one at `index`. */
  const targets = (index: number) => {
    const { items: list, selected: chosen } = drawn.current;
    const picked = list.filter((p) => chosen.has(key(p)));
    return picked.length > 0 ? picked : list[index] ? [list[index]] : [];
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.ctrlKey || event.metaKey || event.altKey || drawn.current.editing || target.closest('input, textarea, select, button, summary')) {
        return;
      }
      // Focus moves at once, state on the next render: the proposal in focus is the one the key acts on.
      const article = target.closest<HTMLElement>('.proposal');
      const index = article ? Number(article.dataset.index) : drawn.current.focused;
      const current = drawn.current.items[index];
      // The first j or k lands on the proposal in focus before moving on.
      const step = article ? 1 : 0;
      const actions: Record<string, () => void> = {
        j: () => focus(index + step),
        k: () => focus(index - step),
        x: () => current && toggle(current),
        a: () => void decide('approve', targets(index)),
        r: () => void decide('reject', targets(index)),
        e: () => current?.status === 'pending' && setEditing(key(current)),
      };
      const action = actions[event.key];
      if (action) {
        event.preventDefault();
        action();
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [api]);

  return (
    <section aria-labelledby="review-title">
      <h1 id="review-title">Review</h1>
      <p class="hint" id="review-keys">
        Keys: <kbd>j</kbd>/<kbd>k</kbd> next and previous, <kbd>x</kbd> select, <kbd>a</kbd> approve, <kbd>r</kbd> reject (the selected proposals, or the one in focus),{' '}
        <kbd>e</kbd> edit.
      </p>
      <div class="toolbar">
        <button type="button" disabled={selected.size === 0} onClick={() => decide('approve', targets(focused))}>
          Approve selected ({selected.size})
        </button>
        <button type="button" disabled={selected.size === 0} onClick={() => decide('reject', targets(focused))}>
          Reject selected ({selected.size})
        </button>
        <label>
          Reason (optional, kept with the next decision)
          <input name="reason" maxLength={500} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />
        </label>
      </div>
      {arrived && (
        <p>
          <button
            type="button"
            onClick={() => {
              setArrived(false);
              void proposals.refresh();
            }}
          >
            New proposals arrived: show them
          </button>
        </p>
      )}
      <p role="status" class="status">
        {status}
      </p>
      <Problem error={proposals.error} />
      {!proposals.loading && !proposals.error && proposals.items.length === 0 && <p>Nothing to review: knowledge runs propose decisions and action items here.</p>}
      <ol class="proposals">
        {proposals.items.map((proposal, index) => (
          <li key={key(proposal)}>
            <article
              class={`proposal ${index === focused ? 'focused' : ''} ${proposal.status}`}
              tabIndex={index === focused ? 0 : -1}
              data-index={index}
              ref={(element) => {
                items.current[index] = element;
              }}
              onFocus={() => setFocused(index)}
              aria-labelledby={`p-${index}`}
              aria-describedby="review-keys"
            >
              <header>
                <input type="checkbox" id={`select-${index}`} checked={selected.has(key(proposal))} disabled={proposal.status !== 'pending'} onChange={() => toggle(proposal)} />
                <label for={`select-${index}`} class="visually-hidden">
                  Select “{text(proposal.title)}”
                </label>
                <h2 id={`p-${index}`}>{text(proposal.title)}</h2>
                <span class={`badge status-${proposal.status}`}>{className(proposal.status)}</span>
              </header>
              {editing === key(proposal) ? (
                <ProposalEditor
                  api={api}
                  proposal={proposal}
                  onDone={(saved) => {
                    setEditing(null);
                    if (saved) {
                      replace(saved);
                    }
                    items.current[index]?.focus();
                  }}
                />
              ) : (
                <ProposalBody proposal={proposal} />
              )}
              {proposal.status === 'pending' && editing !== key(proposal) && (
                <div class="actions">
                  <button type="button" onClick={() => decide('approve', [proposal])}>
                    Approve
                  </button>
                  <button type="button" onClick={() => decide('reject', [proposal])}>
                    Reject
                  </button>
                  <button type="button" class="quiet" onClick={() => setEditing(key(proposal))}>
                    Edit
                  </button>
                </div>
              )}
            </article>
          </li>
        ))}
      </ol>
      <More list={proposals} label="proposals" />
    </section>
  );
}
