using System.Globalization;
using System.Text;
using Sift.Analysis;

namespace Sift.Digests;

/// <summary>
/// A digest as a person reads it, in Telegram's HTML: the day's decisions, the chat's open action items with
/// owners and due dates, the top messages (sender, short text), then the counts. Every text that came from
/// users is escaped; every tag opens and closes on one line, so the text splits at line boundaries into
/// parts of at most <see cref="MaxPartLength"/> characters (Telegram's limit is 4,096 after entities are
/// parsed, which only shortens the text).
/// </summary>
public static class DigestText
{
    public const int MaxPartLength = 4000;
    public const int MaxListed = 20;
    private const int MaxTextLength = 280;

    public static IReadOnlyList<string> Parts(DigestResponse digest, string? chatTitle) => Split(Lines(digest, chatTitle));

    private static List<string> Lines(DigestResponse digest, string? chatTitle)
    {
        var lines = new List<string> { $"<b>Digest of {Escape(Shorten(chatTitle ?? digest.ChatId.ToString()))}, {digest.Date:yyyy-MM-dd}</b>" };
        Section(lines, "Decisions", digest.Atoms.Where(a => a.Kind == AtomKind.Decision).ToList(),
            a => $"• <b>{Escape(Shorten(a.Title))}</b>{(a.Content == a.Title ? "" : ": " + Escape(Shorten(a.Content)))}");
        Section(lines, "Open action items", digest.OpenProposals.Where(p => p.Kind == AtomKind.ActionItem).ToList(),
            p => $"• {Escape(Shorten(p.Title))}{(p.Owner is { } owner ? $" (<i>{Escape(Shorten(owner))}</i>)" : "")}"
                + (p.DueDate is { } due ? $", due {due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : ""));
        Section(lines, "Top messages", digest.TopMessages,
            m => $"• <b>{Escape(Shorten(m.Sender ?? "someone"))}</b>: {Escape(Shorten(m.Excerpt))}");
        var classes = digest.ByClass.Where(c => c.Value > 0).Select(c => $"{c.Value} {c.Key.Replace('_', ' ')}");
        lines.Add("");
        lines.Add($"<i>{digest.Messages} messages ({string.Join(", ", classes)}); {digest.Atoms.Count} things learned; {digest.OpenProposals.Count} proposals wait for review.</i>");
        return lines;
    }

    /// <summary>Only &amp;, &lt; and &gt; (and the quote, for attributes) mean anything in Telegram's HTML.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static void Section<T>(List<string> lines, string heading, IReadOnlyList<T> items, Func<T, string> line)
    {
        if (items.Count == 0)
        {
            return;
        }

        lines.Add("");
        lines.Add($"<b>{heading}</b>");
        lines.AddRange(items.Take(MaxListed).Select(line));
        if (items.Count > MaxListed)
        {
            lines.Add($"… and {items.Count - MaxListed} more");
        }
    }

    /// <summary>One line of user text: line breaks folded into spaces (a line is the unit of splitting), at most <see cref="MaxTextLength"/> characters.</summary>
    private static string Shorten(string text)
    {
        var flat = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return flat.Length <= MaxTextLength ? flat : string.Concat(flat.AsSpan(0, MaxTextLength - 1), "…");
    }

    /// <summary>Lines into parts of at most <see cref="MaxPartLength"/> characters, breaking only between lines (no line is longer: texts are shortened).</summary>
    private static List<string> Split(List<string> lines)
    {
        var parts = new List<string>();
        var part = new StringBuilder();
        foreach (var line in lines)
        {
            if (part.Length > 0 && part.Length + 1 + line.Length > MaxPartLength)
            {
                parts.Add(part.ToString().TrimEnd());
                part.Clear();
            }

            if (part.Length > 0)
            {
                part.Append('\n');
            }

            part.Append(line);
        }

        parts.Add(part.ToString().TrimEnd());
        return parts;
    }
}
