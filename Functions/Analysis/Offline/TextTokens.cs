using System.Globalization;
using System.Text;

namespace Sift.Analysis.Offline;

/// <summary>
/// The one way the offline analyzer reads text: Unicode-normalized (NFKC), lower-cased
/// invariantly, split into words of letters and digits in any script (so Cyrillic, Greek and
/// Latin read alike). Scoring, topics, embeddings and extraction all go through it.
/// </summary>
public static class TextTokens
{
    /// <summary>NFKC, invariant lower case: the form texts are compared in.</summary>
    public static string Fold(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>The words of <paramref name="text"/>, folded, in order. A word may hold inner apostrophes, hyphens and dots (<c>don't</c>, <c>e-mail</c>, <c>v1.2</c>).</summary>
    public static List<string> Words(string text)
    {
        var folded = Fold(text);
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var c = i < folded.Length ? folded[i] : ' ';
            if (IsWordChar(c) || (start >= 0 && IsJoiner(c) && i + 1 < folded.Length && IsWordChar(folded[i + 1])))
            {
                if (start < 0)
                {
                    start = i;
                }
            }
            else if (start >= 0)
            {
                words.Add(folded[start..i]);
                start = -1;
            }
        }

        return words;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    private static bool IsJoiner(char c) => c is '\'' or '’' or '-' or '.' or '_';
}
