namespace Sift.Analysis.Offline;

/// <summary>
/// The shapes of what varies from one copy of a spam text to the next: a link by its host, top-level
/// domain and kind (a Telegram invite, a shortener, a host with digits or an address), a number by
/// its digits and what it is (a sum of money, a price per minute or per day, a percentage, a phone
/// number, a premium-rate number, a short code to text a keyword to).
/// </summary>
public static partial class SpamFeatures
{
    private static readonly uint Url = Hash("<url>", 1), Telegram = Hash("<t.me>", 1), Invite = Hash("<invite>", 1), Shortener = Hash("<shortener>", 1);
    private static readonly uint HostDigits = Hash("<host-digits>", 1), Address = Hash("<ip>", 1);
    private static readonly uint Money = Hash("<money>", 1), Rate = Hash("<rate>", 1), Percent = Hash("<percent>", 1), Currency = Hash("<currency>", 1);
    private static readonly uint Phone = Hash("<phone>", 1), Premium = Hash("<premium-rate>", 1), ShortCode = Hash("<short-code>", 1);
    private static readonly uint[] Digits = Shapes("digits", 13), Numbers = Shapes("number", 7);
    private static readonly System.Buffers.SearchValues<char> AddressCharacters = System.Buffers.SearchValues.Create("0123456789.");

    private static readonly string[] Domains =
        ["com", "net", "org", "io", "ly", "me", "ru", "ua", "uk", "de", "info", "biz", "xyz", "top", "site", "online", "shop", "club", "app", "link", "cc", "co", "gl", "pro", "win", "click", "tk", "gd", "su", "by", "kz"];

    private static readonly string[] Shorteners =
        ["bit.ly", "bitly.com", "tinyurl.com", "goo.gl", "t.co", "ow.ly", "is.gd", "adf.ly", "cutt.ly", "clck.ru", "vk.cc", "rb.gy", "tiny.cc", "shorturl.at", "u.to"];

    // What follows a sum that makes it a rate: per minute, message, day, week or hour.
    private static readonly string[] Per =
        ["/min", "per min", "a min", "/msg", "per msg", "/wk", "per week", "a week", "/day", "per day", "a day", "/hr", "per hour", "an hour",
         "в день", "в сутки", "в неделю", "в месяц", "в час", "за день", "за час", "на день", "в тиждень", "на тиждень", "на місяць", "за годину"];

    // Money after a number: "500 руб", "150p", "5k ", "100 грн".
    private static readonly string[] Units = ["k ", "к ", "usd", "eur", "руб", "грн", "тыс", "тис", "долл", "pounds", "dollars", "gbp", "bucks"];

    private static uint AddLink(ReadOnlySpan<char> link, List<int> features)
    {
        var rest = link[(link.IndexOf("://", StringComparison.Ordinal) is >= 0 and var scheme ? scheme + 3 : 0)..];
        var host = rest[..(rest.IndexOfAny('/', '?', ':') is >= 0 and var slash ? slash : rest.Length)];
        host = host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
        Add(features, Hash(host, 3));
        Add(features, Hash(host[(host.LastIndexOf('.') + 1)..], 5));
        if (host.Equals("t.me", StringComparison.OrdinalIgnoreCase) || host.Equals("telegram.me", StringComparison.OrdinalIgnoreCase))
        {
            var path = rest[host.Length..];
            Add(features, path.StartsWith("/+", StringComparison.Ordinal) || path.StartsWith("/joinchat", StringComparison.OrdinalIgnoreCase) ? Invite : Telegram);
        }
        else if (IsAny(host, Shorteners))
        {
            Add(features, Shortener);
        }
        else if (host.IndexOfAnyInRange('0', '9') >= 0)
        {
            Add(features, host.IndexOfAnyExcept(AddressCharacters) < 0 ? Address : HostDigits);
        }

        return Url;
    }

    /// <summary>A link's length at the start of <paramref name="text"/>, or 0: a scheme, <c>www.</c>, or a host with a known top-level domain.</summary>
    private static int LinkLength(ReadOnlySpan<char> text)
    {
        var end = text.IndexOfAny(' ', '\n', '\t') is >= 0 and var space ? space : text.Length;
        var run = text[..end].TrimEnd(".,!?)»\"'");
        if (run.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || run.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || run.StartsWith("www.", StringComparison.OrdinalIgnoreCase) || run.StartsWith("t.me/", StringComparison.OrdinalIgnoreCase))
        {
            return run.Length;
        }

        var host = run[..(run.IndexOf('/') is >= 0 and var slash ? slash : run.Length)];
        var dot = host.LastIndexOf('.');
        return dot > 0 && dot < host.Length - 1 && IsAny(host[(dot + 1)..], Domains) && char.IsLetterOrDigit(host[dot - 1]) ? run.Length : 0;
    }

    private static int AddNumber(ReadOnlySpan<char> text, int i, List<int> features, out uint token)
    {
        var (start, digits) = (i, 0);
        for (; i < text.Length; i++)
        {
            if (char.IsDigit(text[i]))
            {
                digits++;
            }
            else if (!(text[i] is '+' or '-' or ' ' or '(' or ')' or '.' or ',' && i + 1 < text.Length && char.IsDigit(text[i + 1]) && (i > start || text[i] == '+')))
            {
                break;
            }
        }

        var before = text[..start].TrimEnd();
        var after = text[i..].TrimStart();
        var pence = text[i..] is [('p' or 'р' or 'P' or 'Р'), ..] and ([_] or [_, not (>= 'a' and <= 'z' or >= 'а' and <= 'я'), ..]);
        var money = (before.Length > 0 && IsCurrency(before[^1])) || (after.Length > 0 && IsCurrency(after[0])) || pence || StartsWithAny(after, Units);
        Add(features, Digits[Math.Min(digits, 12)]);
        if (money && ContainsAny(after[..Math.Min(after.Length, 24)], Per))
        {
            Add(features, Rate);
        }

        token = money ? Money
            : after is ['%', ..] ? Percent
            : digits >= 10 && text[start..i] is ['0', '9', ..] or ['0', '8', '7', ..] ? Premium
            : digits >= 9 || (text[start] == '+' && digits >= 7) ? Phone
            : digits is >= 4 and <= 6 && i - start == digits && IsKeywordTarget(before) ? ShortCode
            : Numbers[Math.Min(digits, 6)];
        return i;
    }

    /// <summary>Whether the text before a number ends as "to", "text", "txt", "sms" or "на" do: "txt STOP to 87077", "sms 4444".</summary>
    private static bool IsKeywordTarget(ReadOnlySpan<char> before)
    {
        var word = before[(before.LastIndexOfAny(' ', '\n', '\t') + 1)..];
        return IsAny(word, ["to", "text", "txt", "sms", "на"]);
    }

    private static bool IsAny(ReadOnlySpan<char> text, ReadOnlySpan<string> options)
    {
        foreach (var option in options)
        {
            if (text.Equals(option, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWithAny(ReadOnlySpan<char> text, ReadOnlySpan<string> prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAny(ReadOnlySpan<char> text, ReadOnlySpan<string> parts)
    {
        foreach (var part in parts)
        {
            if (text.Contains(part, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCurrency(char c) => c is '$' or '€' or '£' or '₽' or '₴' or '¥' or '₿';
}
