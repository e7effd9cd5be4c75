import { useEffect, useRef, useState } from 'preact/hooks';
import { must, type Api, type Schemas } from '../api/client';
import { className, text, when } from '../text';

/** A proposal as the review queue asks for it: with its atom and the first cited messages inline (`expand=atom,messages`). */
export type Proposal = Schemas['ProposalResponse'];
type Cited = Schemas['CitedMessageResponse'];

export function ProposalBody({ proposal }: { proposal: Proposal }) {
  const atom = proposal.atom;
  const messages = proposal.messages ?? [];
  const citedCount = atom?.sourceMessageIds.length ?? messages.length;
  return (
    <>
      <p class="content">{text(proposal.content)}</p>
      <p class="muted">
        {className(proposal.kind)}
        {proposal.owner ? ` · owner ${text(proposal.owner)}` : ''}
        {proposal.dueDate ? ` · due ${text(proposal.dueDate)}` : ''}
        {atom ? ` · confidence ${atom.confidence.toFixed(2)}` : ''}
      </p>
      {proposal.reviewedBy && (
        <p class="review">
          {className(proposal.status)} by {text(proposal.reviewedBy.name)}
          {proposal.reviewedAt ? ` on ${when(proposal.reviewedAt)}` : ''}
          {proposal.reason ? `: “${text(proposal.reason)}”` : ''}
        </p>
      )}
      {messages.length > 0 && (
        <details open class="cited">
          <summary>
            Cited messages ({citedCount}
            {citedCount > messages.length ? `, first ${messages.length} shown` : ''})
          </summary>
          {messages.map((message) => (
            <CitedMessage message={message} />
          ))}
        </details>
      )}
    </>
  );
}

/** A cited message as plain text (never markup): who, when, what. */
function CitedMessage({ message }: { message: Cited }) {
  const sender = text(message.senderName) || 'unknown sender';
  return (
    <article class="message" aria-label={`Message ${message.messageId} from ${sender}`}>
      <header>
        <strong>{sender}</strong> <time dateTime={text(message.date)}>{when(message.date)}</time>
      </header>
      <p class="text">{text(message.text) || <span class="muted">({text(message.kind)})</span>}</p>
    </article>
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
