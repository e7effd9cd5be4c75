using Sift.Analysis.Offline;
using Sift.Storage;

namespace Sift.Tests.Search;

/// <summary>A few messages in two chats and two languages, indexed as the analysis handler indexes them (offline embeddings).</summary>
internal static class SearchCorpus
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly string Version = new HashingEmbedder().Version;

    public static readonly SearchEntry[] Entries =
    [
        Entry(1, 1, 0, "The deployment to production failed because the database migration timed out"),
        Entry(1, 2, 1, "Let's have lunch at the Italian place tomorrow"),
        Entry(1, 3, 2, "Who is reviewing the pull request for the billing service?"),
        Entry(1, 4, 3, "Деплой в продакшен упал из-за таймаута миграции базы данных"),
        Entry(1, 5, 4, "Kubernetes кластер перезапустился ночью, поды не поднялись"),
        Entry(1, 6, 5, "Café meeting moved to Thursday"),
        Entry(2, 7, 6, "The deployment to staging went fine"),
        Entry(1, 8, 7, "Quarterly report draft is ready for review"),
    ];

    /// <param name="hour">Hours after <see cref="Start"/>.</param>
    public static SearchEntry Entry(long chat, long message, int hour, string text) =>
        new(chat.ToString(System.Globalization.CultureInfo.InvariantCulture), message, Start.AddHours(hour), text, HashingEmbedder.Embed(text), Version);

    public static async Task IndexAsync(ISearchIndex index)
    {
        foreach (var entry in Entries)
        {
            await index.IndexAsync(entry, default);
        }
    }
}
