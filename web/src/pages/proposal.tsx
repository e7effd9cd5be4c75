import { useEffect, useRef, useState } from 'preact/hooks';
import { must, type Api, type Schemas } from '../api/client';
import { className, text } from '../text';
import { MessageView } from './message';

export type Proposal = Schemas['ProposalResponse'];
type Cited = { atom: Schemas['AtomResponse']; messages: Schemas['MessageResponse'][] };

/** At most this many cited messages are fetched for one proposal: each is a request of its own (until the API carries them inline). */
const citedShown = 5;

/** A proposal's atom and the messages it cites: a request for the atom, then one per message. */
export function useCited(api: Api, proposal: Proposal): { cited: Cited | null; error: string | null } {
  const [state, setState] = useState<{ cited: Cited | null; error: string | null }>({ cited: null, error: null });
  useEffect(() => {
    let live = true;
    const chatId = text(proposal.chatId);
    (async () => {
      const atom = await must(api.GET('/api/atoms/{chatId}/{id}', { params: { path: { chatId, id: proposal.atomId } } }));
      const messages = await Promise.all(
        atom.sourceMessageIds.slice(0, citedShown).map((messageId) => must(api.GET('/api/messages/{chatId}/{messageId}', { params: { path: { chatId, messageId } } }))),
      );
      return { atom, messages };
    })().then(
      (cited) => live && setState({ cited, error: null }),
      (error: Error) => live && setState({ cited: null, error: `Its atom or messages could not be read: ${error.message}` }),
    );
    return () => {
      live = false;
    };
  }, [api, proposal.chatId, proposal.atomId]);
  return state;
}

export function ProposalBody({ api, proposal }: { api: Api; proposal: Proposal }) {
  const { cited, error } = useCited(api, proposal);
  return (
    <>
      <p class="content">{text(proposal.content)}</p>
      <p class="muted">
        {className(proposal.kind)}
        {proposal.owner ? ` · owner ${text(proposal.owner)}` : ''}
        {proposal.dueDate ? ` · due ${text(proposal.dueDate)}` : ''}
        {cited ? ` · confidence ${cited.atom.confidence.toFixed(2)}` : ''}
      </p>
      {error && <p class="problem">{error}</p>}
      {cited && (
        <details open class="cited">
          <summary>
            Cited messages ({cited.atom.sourceMessageIds.length}
            {cited.atom.sourceMessageIds.length > citedShown ? `, first ${citedShown} shown` : ''})
          </summary>
          {cited.messages.map((message) => (
            <MessageView message={message} />
          ))}
        </details>
      )}
    </>
  );
}

/** Edits a pending proposal's title, content, owner and due date (PATCH). */
export function ProposalEditor({ api, proposal, onDone }: { api: Api; proposal: Proposal; onDone: (saved?: Proposal) => void }) {
  const [error, setError] = useState<string | null>(null);
  // Focused here: the autofocus attribute works only once per page, not for a form opened later.
  const title = useRef<HTMLInputElement>(null);
  useEffect(() => title.current?.focus(), []);
  const id = text(proposal.id);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    // Only what changed is sent: a field left out keeps its value (an owner cannot be emptied).
    const changed = (name: 'title' | 'content' | 'owner' | 'dueDate') => {
      const value = String(form.get(name) ?? '');
      return value === text(proposal[name]) ? undefined : value;
    };
    try {
      const saved = await must(
        api.PATCH('/api/proposals/{chatId}/{id}', {
          params: { path: { chatId: text(proposal.chatId), id } },
          body: { title: changed('title'), content: changed('content'), owner: changed('owner'), dueDate: changed('dueDate') || undefined },
        }),
      );
      onDone(saved);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return (
    <form class="editor" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <label>
        Title
        <input name="title" ref={title} value={text(proposal.title)} required />
      </label>
      <label>
        Content
        <textarea name="content" rows={4} value={text(proposal.content)} required />
      </label>
      <label>
        Owner
        <input name="owner" value={text(proposal.owner)} />
      </label>
      <label>
        Due date
        <input name="dueDate" type="date" value={text(proposal.dueDate)} />
      </label>
      {error && (
        <p class="problem" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit">Save</button>
        <button type="button" class="quiet" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
