import { useEffect, useState } from 'preact/hooks';
import { ApiError, done, must, type Api, type Schemas } from '../api/client';
import { Problem, usePaged } from '../paged';
import { Link } from '../router';
import { text, when } from '../text';

type Delivery = Schemas['DigestDeliveryResponse'];
const hours = Array.from({ length: 24 }, (_, hour) => hour);

/** The bot whose private chat or group the key names (7@bot123456): the one that must post there. */
function botOfKey(chatId: string): number | null {
  const match = /@bot(\d+)$/.exec(chatId);
  return match ? Number(match[1]) : null;
}

function describe(delivery: Delivery | null): string {
  if (!delivery) {
    return 'Not delivered.';
  }
  const where = [delivery.telegram ? `into the chat by bot ${delivery.botId ?? ''}`.trim() : '', delivery.webhook ? 'to the webhooks that want digest.ready' : '']
    .filter(Boolean)
    .join(' and ');
  return `Each day from ${String(delivery.hour).padStart(2, '0')}:00 UTC, the previous day's digest goes ${where} (since ${when(delivery.since)}).`;
}

/** A chat's opt-in to a daily digest posted into the chat by a bot and/or sent to webhooks; none ticked is opted out. */
export function DigestDelivery({ api, chatId }: { api: Api; chatId: string }) {
  const [stored, setStored] = useState<Delivery | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [title, setTitle] = useState(chatId);
  // Whether Telegram is ticked: the bot is chosen only then.
  const [telegram, setTelegram] = useState(false);
  const show = (delivery: Delivery | null) => {
    setStored(delivery);
    setTelegram(delivery?.telegram ?? false);
  };
  const bots = usePaged((continuation?: string) => must(api.GET('/api/bots', { params: { query: { continuation } } })), [api]);

  useEffect(() => {
    let live = true;
    must(api.GET('/api/messages', { params: { query: { chatId, limit: 1 } } })).then(
      (page) => live && setTitle(text(page.items[0]?.chat.title) || chatId),
      () => undefined,
    );
    setStored(undefined);
    must(api.GET('/api/chats/{chatId}/digest/delivery', { params: { path: { chatId } } })).then(
      (d) => live && show(d),
      (e: ApiError) => live && (e.status === 404 ? show(null) : setError(e.message)),
    );
    return () => {
      live = false;
    };
  }, [api, chatId]);

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const webhook = form.get('webhook') === 'on';
    setError(null);
    try {
      if (!telegram && !webhook) {
        if (stored) {
          await done(api.DELETE('/api/chats/{chatId}/digest/delivery', { params: { path: { chatId } } }));
        }
        show(null);
        setStatus('Saved: the digest is not delivered.');
        return;
      }
      const botId = form.get('botId') ? Number(form.get('botId')) : undefined;
      const saved = await must(api.PUT('/api/chats/{chatId}/digest/delivery', { params: { path: { chatId } }, body: { telegram, webhook, hour: Number(form.get('hour')), botId } }));
      show(saved);
      setStatus('Saved.');
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  const chatPath = `/chats/${encodeURIComponent(chatId)}`;
  const defaultBot = stored?.botId ?? botOfKey(chatId) ?? bots.items[0]?.id;
  return (
    <section aria-labelledby="delivery-title">
      <h1 id="delivery-title">Digest delivery of {title}</h1>
      <p>
        <Link href={`${chatPath}/digest`}>The chat's digest</Link> · <Link href={chatPath}>Back to the chat</Link>
      </p>
      <p role="status" class="status">
        {status}
      </p>
      {stored !== undefined && <p class="current">{describe(stored)}</p>}
      <Problem error={error} />
      {stored !== undefined && (
        // Keyed by what is stored, so the form starts again from it after a save.
        <form key={stored?.updatedAt ?? 'none'} class="editor settings" onSubmit={save}>
          <fieldset>
            <legend>Deliver the previous day's digest</legend>
            <label class="check">
              <input type="checkbox" name="telegram" checked={telegram} onChange={(e) => setTelegram((e.currentTarget as HTMLInputElement).checked)} /> into the chat, posted by a bot
            </label>
            <label>
              Bot
              <select name="botId" aria-describedby="bot-help" disabled={!telegram}>
                {bots.items.map((bot) => (
                  <option value={String(bot.id)} selected={bot.id === defaultBot}>
                    @{text(bot.username)}
                  </option>
                ))}
              </select>
            </label>
            <p id="bot-help" class="hint">
              {bots.items.length === 0 ? 'No bot is registered (or this key cannot list them).' : 'A bot that is a member of the chat.'}
            </p>
            <label class="check">
              <input type="checkbox" name="webhook" defaultChecked={stored?.webhook ?? false} /> to the <Link href="/webhooks">webhooks</Link> that want digest.ready
            </label>
          </fieldset>
          <label>
            From (UTC hour)
            <select name="hour">
              {hours.map((hour) => (
                <option value={String(hour)} selected={hour === (stored?.hour ?? 8)}>
                  {String(hour).padStart(2, '0')}:00
                </option>
              ))}
            </select>
          </label>
          <p class="hint">Tick neither to stop delivering it.</p>
          <button type="submit">Save</button>
        </form>
      )}
    </section>
  );
}
