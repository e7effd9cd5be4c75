import { useEffect, useRef } from 'preact/hooks';
import type { Api, Schemas } from './api/client';
import { text } from './text';

export type LiveEvent = Schemas['LiveEvent'];

/**
 * Listens to GET /api/events for as long as the page wants, reconnecting where the last stream ended (Last-Event-ID)
 * when the server closes it or the network drops. It reads the stream through the API client (which sends the key, as
 * EventSource cannot, and signs out on a 401), not EventSource. Returns the function that stops listening.
 */
export function subscribe(api: Api, chatId: string | undefined, onEvent: (event: LiveEvent) => void): () => void {
  const stopped = new AbortController();
  let lastId: string | undefined;
  let retry = 1000;

  const listen = async () => {
    while (!stopped.signal.aborted) {
      try {
        const { data: body, response } = await api.GET('/api/events', {
          params: { query: { chatId } },
          headers: lastId ? { 'Last-Event-ID': lastId } : {},
          parseAs: 'stream',
          signal: stopped.signal,
        });
        if (response.status === 401 || response.status === 403) {
          return;
        }
        if (body) {
          for await (const field of fields(body, stopped.signal)) {
            if (field.retry) {
              retry = field.retry;
            }
            if (field.id) {
              lastId = field.id;
            }
            if (field.data) {
              onEvent(JSON.parse(field.data) as LiveEvent);
            }
          }
        }
      } catch {
        // A dropped connection, or the page stopped listening: try again below, or end.
      }
      await new Promise((resolve) => setTimeout(resolve, retry));
    }
  };
  void listen();
  return () => stopped.abort();
}

/** The events of a text/event-stream body, each as its data, id and retry (the only fields Sift sends besides its name). */
async function* fields(body: ReadableStream<Uint8Array>, signal: AbortSignal): AsyncGenerator<{ data?: string; id?: string; retry?: number }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  signal.addEventListener('abort', () => void reader.cancel());
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: { data?: string; id?: string; retry?: number } = {};
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        const [name, field] = colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')];
        if (name === 'data') {
          event.data = event.data === undefined ? field : `${event.data}\n${field}`;
        } else if (name === 'id') {
          event.id = field;
        } else if (name === 'retry' && /^\d+$/.test(field)) {
          event.retry = Number(field);
        }
      }
      yield event;
    }
  }
}

/**
 * Calls `onNews` when an event of one of `types` arrives (of the chat, if given): at most once a second, so a burst of
 * events (an import) costs one reload of what the page shows, not one per event.
 */
export function useLive(api: Api, chatId: string | undefined, types: string[], onNews: (event: LiveEvent) => void) {
  const latest = useRef(onNews);
  latest.current = onNews;
  useEffect(() => {
    let pending: LiveEvent | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = subscribe(api, chatId, (event) => {
      if (!types.includes(text(event.type))) {
        return;
      }
      pending = event;
      timer ??= setTimeout(() => {
        timer = undefined;
        if (pending) {
          latest.current(pending);
        }
        pending = null;
      }, 1000);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [api, chatId, types.join()]);
}
