using System.Buffers;
using System.Globalization;
using System.Text;

namespace Sift.Hosting;

/// <summary>
/// Text from outside (a bot's username, Telegram's or a feed server's error, a feed's title, a
/// request path) as a log value: control characters and line separators become <c>\uXXXX</c>
/// (<c>\n</c>, <c>\r</c> and <c>\t</c> as themselves, escaped), so a value can neither forge a log
/// line nor send a terminal escape sequence. Every [LoggerMessage] parameter that carries such text
/// passes through <see cref="Escape"/>.
/// </summary>
public static class LogText
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        new string([.. Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(char.IsControl), '\u2028', '\u2029']));

    public static string Escape(string? text)
    {
        if (text is null || text.AsSpan().IndexOfAny(Unsafe) < 0)
        {
            return text ?? "";
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => escaped.Append("\\n"),
                '\r' => escaped.Append("\\r"),
                '\t' => escaped.Append("\\t"),
                _ when Unsafe.Contains(c) => escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
