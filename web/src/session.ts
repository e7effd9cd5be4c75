// The API key lives in sessionStorage only: it is gone when the tab closes, and never reaches localStorage or a cookie.
const storageKey = 'sift.apiKey';

export function storedKey(): string | null {
  return sessionStorage.getItem(storageKey);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(storageKey, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(storageKey);
}
