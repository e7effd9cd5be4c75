using System.Diagnostics;
using Sift.Analysis.Offline;
using Sift.Storage;
using static System.FormattableString;

// Indexes synthetic chat messages (English, Russian, Spanish, German, shared technical terms; fixed
// seed) through the SQLite search adapter, then times varied hybrid queries.
//   dotnet run -c Release --project bench/SearchLatency -- [sizes=10000,100000] [queries=200]
var sizes = (args.Length > 0 ? args[0] : "10000,100000").Split(',').Select(int.Parse).ToArray();
var queryCount = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200;
var version = new HashingEmbedder().Version;
foreach (var size in sizes)
{
    var directory = Path.Combine(Path.GetTempPath(), $"sift-search-bench-{Guid.NewGuid():N}");
    var messages = Corpus.Messages(size, seed: 42);
    await using (var index = SqliteSearchIndex.Open(Path.Combine(directory, SearchIndexes.File)))
    {
        var clock = Stopwatch.StartNew();
        // Concurrent writers, as analysis handlers index: the writer commits whatever piled up in one transaction.
        foreach (var chunk in messages.Chunk(1024))
        {
            await Task.WhenAll(chunk.Select(m => index.IndexAsync(new SearchEntry(m.Chat, m.Id, m.Date, m.Text, HashingEmbedder.Embed(m.Text), version), default)));
        }

        var indexSeconds = clock.Elapsed.TotalSeconds;
        var queries = Corpus.Queries(messages, queryCount, seed: 7);
        // The first query of a process also loads what the index keeps in memory.
        var first = Stopwatch.StartNew();
        await index.SearchAsync(queries[0], default);
        var firstMs = first.Elapsed.TotalMilliseconds;
        foreach (var query in queries.Take(10))
        {
            await index.SearchAsync(query, default);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var latencies = new List<double>();
        var byKind = new List<double>[4].Select(_ => new List<double>()).ToArray();
        var hits = 0;
        for (var i = 0; i < queries.Count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            hits += (await index.SearchAsync(queries[i], default)).Count;
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            byKind[i % 4].Add(latencies[^1]);
        }

        var perQuery = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / queries.Count / 1024.0;
        latencies.Sort();
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(Invariant(
            $"{size,7} messages  index {indexSeconds,6:0.0} s ({size / indexSeconds,6:0} msg/s, {new FileInfo(Path.Combine(directory, SearchIndexes.File)).Length / 1048576.0,5:0} MB + WAL)  {queries.Count} queries p50 {P(0.50),6:0.0} ms  p95 {P(0.95),6:0.0} ms  p99 {P(0.99),6:0.0} ms  ({hits / (double)queries.Count:0.0} hits/query, {perQuery:0} KiB allocated/query)  RSS {process.WorkingSet64 / 1048576.0:0} MB (peak {process.PeakWorkingSet64 / 1048576.0:0} MB)"));

        Console.WriteLine(Invariant($"         first query {firstMs:0} ms; median by kind: one term {Median(byKind[0]):0.0} ms, words of a message {Median(byKind[1]):0.0} ms, in one chat {Median(byKind[2]):0.0} ms, within a month {Median(byKind[3]):0.0} ms"));

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

        double P(double quantile) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(quantile * latencies.Count) - 1)];
    }

    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}
