import { useState } from 'preact/hooks';
import { done, must, type Api, type Schemas } from '../api/client';
import { className, messageClasses, senderName, text, when } from '../text';

type Message = Schemas['MessageResponse'];

/**
 * One message as plain text (never markup): who, when, its analysis, the message it answers and
 * the replies to it among those shown, and its earlier versions when it was edited. With `api`, an
 * analysed message's class can be corrected (operators).
 */
export function MessageView({ message, parent, replies, api, onLabelled }: { message: Message; parent?: Message; replies?: Message[]; api?: Api; onLabelled?: () => void }) {
  const analysis = message.analysis;
  return (
    <article class="message" id={`m-${message.messageId}`} aria-label={`Message ${message.messageId} from ${senderName(message.sender)}`}>
      <header>
        <strong>{senderName(message.sender)}</strong>{' '}
        <time dateTime={text(message.date)}>{when(message.date)}</time>
        {analysis && (
          <>
            {' '}
            <span class={`badge class-${text(analysis.class)}`}>{className(analysis.class)}</span>{' '}
            <span class="muted">importance {analysis.importance.toFixed(2)}</span>
            {analysis.topics.map((topic) => (
              <span class="badge topic">{text(topic.name)}</span>
            ))}
          </>
        )}
      </header>
      {message.replyToMessageId != null && (
        <p class="reply-to">
          In reply to{' '}
          <a href={`#m-${message.replyToMessageId}`}>
            {parent ? `${senderName(parent.sender)}: ${excerpt(parent)}` : `message ${message.replyToMessageId}`}
          </a>
        </p>
      )}
      <p class="text">{text(message.text) || <span class="muted">({text(message.kind)})</span>}</p>
      {api && analysis && <Correction api={api} message={message} onLabelled={onLabelled} />}
      {message.editCount > 0 && (
        <details class="history">
          <summary>
            Edited {message.editCount === 1 ? 'once' : `${message.editCount} times`}
            {message.editDate ? `, last ${when(message.editDate)}` : ''}
          </summary>
          <ol>
            {message.history.map((version) => (
              <li>
                <span class="muted">{when(version.editDate) || 'first version'}</span> {text(version.text)}
              </li>
            ))}
          </ol>
        </details>
      )}
      {replies && replies.length > 0 && (
        <p class="replies">
          Replies:{' '}
          {replies.map((reply, index) => (
            <>
              {index > 0 && ', '}
              <a href={`#m-${reply.messageId}`}>{senderName(reply.sender)}</a>
            </>
          ))}
        </p>
      )}
    </article>
  );
}

/**
 * A person's class for the message (PUT .../label), or back to the analysis' (DELETE). A person beats the model: the
 * message shows that class at once, and near-copies of it are classed alike from then on.
 */
function Correction({ api, message, onLabelled }: { api: Api; message: Message; onLabelled?: () => void }) {
  const [status, setStatus] = useState('');
  const labelled = message.analysis?.factors.some((factor) => text(factor.name) === 'labelled') ?? false;
  const path = { chatId: text(message.chatId), messageId: String(message.messageId) };
  const change = async (event: Event) => {
    const chosen = (event.currentTarget as HTMLSelectElement).value as (typeof messageClasses)[number] | '';
    try {
      if (chosen === '') {
        await done(api.DELETE('/api/messages/{chatId}/{messageId}/label', { params: { path } }));
        setStatus('Back to the analysis.');
      } else {
        await must(api.PUT('/api/messages/{chatId}/{messageId}/label', { params: { path }, body: { class: chosen } }));
        setStatus(`Marked ${className(chosen)}.`);
      }
      onLabelled?.();
    } catch (failure) {
      setStatus((failure as Error).message);
    }
  };
  return (
    <p class="correction">
      <label>
        Label as{' '}
        <select aria-label={`Label message ${message.messageId} as`} value={labelled ? text(message.analysis?.class) : ''} onChange={change}>
          <option value="">as analysed</option>
          {messageClasses.map((c) => (
            <option value={c}>{className(c)}</option>
          ))}
        </select>
      </label>{' '}
      <span role="status">{status}</span>
    </p>
  );
}

function excerpt(message: Message): string {
  const body = text(message.text) || `(${text(message.kind)})`;
  return body.length > 80 ? `${body.slice(0, 79)}…` : body;
}
