using System.Text;

namespace Sift.Ingestion.Feeds;

/// <summary>Collapses whitespace as it goes, so the length cap applies to the text a reader sees.</summary>
internal sealed class TextSink(int maxLength)
{
    private readonly StringBuilder text = new();
    private bool space;
    private bool lineBreak;

    public bool Full { get; private set; }

    public void Break() => lineBreak = true;

    public void Append(string value)
    {
        foreach (var c in value)
        {
            Append(c);
            if (Full)
            {
                return;
            }
        }
    }

    public void Append(char c)
    {
        if (char.IsWhiteSpace(c))
        {
            space = true;
            return;
        }
        if (char.IsControl(c) || Full)
        {
            return; // feeds carry stray control characters that are not text
        }
        var separator = text.Length > 0 && (lineBreak || space);
        if (text.Length + (separator ? 2 : 1) > maxLength)
        {
            Full = true;
            return;
        }
        if (separator)
        {
            text.Append(lineBreak ? '\n' : ' ');
        }
        text.Append(c);
        space = lineBreak = false;
    }

    public string? Result()
    {
        if (text.Length > 0 && char.IsHighSurrogate(text[^1]))
        {
            text.Length--; // the cap fell inside a surrogate pair
        }
        return text.Length == 0 ? null : text.ToString();
    }
}
