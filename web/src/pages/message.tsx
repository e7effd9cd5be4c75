import type { Schemas } from '../api/client';
import { className, senderName, text, when } from '../text';

type Message = Schemas['MessageResponse'];

/**
 * One message as plain text (never markup): who, when, its analysis, the message it answers and
 * the replies to it among those shown, and its earlier versions when it was edited.
 */
export function MessageView({ message, parent, replies }: { message: Message; parent?: Message; replies?: Message[] }) {
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

function excerpt(message: Message): string {
  const body = text(message.text) || `(${text(message.kind)})`;
  return body.length > 80 ? `${body.slice(0, 79)}…` : body;
}
