namespace Sift.Llm;

/// <summary>
/// Text with personal data replaced by placeholders (<c>[EMAIL_1]</c>, <c>[PHONE_1]</c>,
/// <c>[CARD_1]</c>, <c>[IBAN_1]</c>, <c>[USER_1]</c>) before it leaves for a model, and the map to
/// put the originals back into what the model answers. The same value gets the same placeholder
/// throughout one scrubbing.
/// </summary>
public sealed record Scrubbed(string Text, IReadOnlyDictionary<string, string> Originals)
{
    /// <summary>Puts the originals back wherever the model repeated a placeholder.</summary>
    public string Restore(string text) =>
        Originals.Count == 0 ? text : Originals.Aggregate(text, (current, pair) => current.Replace(pair.Key, pair.Value, StringComparison.Ordinal));
}
