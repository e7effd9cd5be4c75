import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** The app's routes are paths under /; Sift answers index.html for any of them, so a reload or a shared link works. */
export type Location = { path: string; query: URLSearchParams };

const listeners = new Set<() => void>();

function current(): Location {
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

export function navigate(to: string, replace = false): void {
  if (replace) {
    history.replaceState(null, '', to);
  } else {
    history.pushState(null, '', to);
  }
  listeners.forEach((listener) => listener());
}

export function useLocation(): Location {
  const [where, setWhere] = useState(current);
  useEffect(() => {
    const update = () => setWhere(current());
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return where;
}

type LinkProps = { href: string; class?: string; current?: boolean; children: ComponentChildren };

/** An ordinary link (open in a new tab works) that navigates in place on a plain click. */
export function Link({ href, current: isCurrent, children, ...rest }: LinkProps) {
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} aria-current={isCurrent ? 'page' : undefined} {...rest}>
      {children}
    </a>
  );
}
