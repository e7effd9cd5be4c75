namespace Sift.Llm;

/// <summary>Scrubs personal data from what leaves for a model (usernames too when <c>Llm:ScrubUsernames</c> says so).</summary>
internal sealed class ModelPrivacy(bool scrubUsernames)
{
    public Scrubbed Scrub(string text) => PiiScrubber.Scrub(text, scrubUsernames);
}
