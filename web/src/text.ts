import type { Schemas } from './api/client';

/**
 * A value of the API shown as text. Some fields are typed `unknown` by the generated schema where
 * the OpenAPI document does not yet say they are strings; the app only ever shows them as text.
 */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : value == null ? '' : String(value);
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function when(value: unknown): string {
  const time = new Date(text(value));
  return Number.isNaN(time.getTime()) ? '' : dateTime.format(time);
}

export const messageClasses: NonNullable<Schemas['MessageClass']>[] = ['high_quality', 'signal', 'low_quality', 'noise', 'spam'];

export function className(value: unknown): string {
  return text(value).replace('_', ' ');
}

export function senderName(sender: { name?: unknown; username?: unknown; id: number } | null | undefined): string {
  if (!sender) {
    return 'unknown sender';
  }
  return text(sender.name) || (sender.username ? `@${text(sender.username)}` : `#${sender.id}`);
}
