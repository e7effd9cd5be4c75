/**
 * A search snippet: the API sends the message's text HTML-escaped with only <mark> kept. It is never
 * given to innerHTML: the text between the mark tags is unescaped into plain text nodes and the marks
 * become <mark> elements, so nothing a user wrote can become markup, even if the API let a tag through.
 */
export function Snippet({ html }: { html: string }) {
  return (
    <p class="snippet">
      {html.split(/(<mark>[\s\S]*?<\/mark>)/).map((part, index) =>
        part.startsWith('<mark>') && part.endsWith('</mark>') ? <mark key={index}>{unescape(part.slice(6, -7))}</mark> : unescape(part),
      )}
    </p>
  );
}

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The entities an HTML escaper writes, back to characters; anything else stays as it is, as text. */
function unescape(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return named[name.toLowerCase()] ?? entity;
  });
}
