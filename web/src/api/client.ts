import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Api = Client<paths>;

/** A problem+json answer (or a failed request), with the sentence the API gave for it. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** A client of Sift's API on this origin that sends the key; a 401 means the key is no longer good, so the session ends. */
export function apiClient(key: string, onUnauthorized: () => void): Api {
  const client = createClient<paths>({ baseUrl: location.origin });
  client.use({
    onRequest: ({ request }) => {
      request.headers.set('X-Api-Key', key);
      return request;
    },
    onResponse: ({ response }) => {
      if (response.status === 401) {
        onUnauthorized();
      }
      return response;
    },
  });
  return client;
}

/** The body of a successful answer, or an ApiError carrying the problem's detail. */
export async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined) {
    throw new ApiError(response.status, describe(error, response));
  }
  return data;
}

/** Nothing but success: for answers without a body (204), where `must` would find no data. */
export async function done(call: Promise<{ error?: unknown; response: Response }>): Promise<void> {
  const { error, response } = await call;
  if (!response.ok) {
    throw new ApiError(response.status, describe(error, response));
  }
}

function describe(error: unknown, response: Response): string {
  if (error && typeof error === 'object') {
    const problem = error as { detail?: unknown; title?: unknown; errors?: Record<string, unknown> };
    const details = problem.errors ? Object.values(problem.errors).flat().map(String) : [];
    const sentence = [problem.detail, ...details].filter((part) => typeof part === 'string' && part !== '').join(' ');
    if (sentence) {
      return sentence;
    }
    if (typeof problem.title === 'string') {
      return problem.title;
    }
  }
  return `The server answered ${response.status} ${response.statusText}.`;
}
