namespace Sift.Bench.SpamModel;

public enum Split
{
    Train,
    Validation,
    HeldOut,
}

/// <param name="Class">One of <see cref="Analysis.Offline.SpamModel.Ham"/>, <c>Spam</c>, <c>Noise</c>.</param>
/// <param name="Source">The set it came from (<c>youtube:Psy</c>, <c>irc:train</c>, <c>telegram-ru</c>, <c>synthetic:en-sms-spam#3</c>).</param>
/// <param name="Family">What it is measured as: <c>en-sms</c>, <c>en-youtube</c>, <c>en-irc</c>, <c>ru-telegram</c>, <c>uk-chat</c>, <c>noise</c>.</param>
public sealed record Sample(string Text, int Class, string Lang, string Source, string Family, bool HeldOutSource)
{
    public Split Split { get; set; }

    /// <summary>The near-copy group: the index of its first text.</summary>
    public int Group { get; set; }
}
