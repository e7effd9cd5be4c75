using System.Globalization;
using System.Text.Json;
using Sift.Analysis.Offline;

// The cosine of the offline embedder between short queries and the messages of the labelled set
// (Functions.Tests/Analysis/Data): queries are one to three words cut from a message (the way people
// search). A pair is related when the message holds one of the query's words, unrelated when it
// shares no word with it, and akin when it shares none but holds a word with the same first four
// letters as one of the query's (another form of it: what only the vector side can find, since full
// text matches whole words). Prints percentiles of each, and the pairs the issue names.
const double Floor = 0.35;
var path = args.Length > 0 ? args[0] : "../../Functions.Tests/Analysis/Data/labelled-messages.json";
var texts = JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray()
    .Select(m => m.GetProperty("text").GetString() ?? "").Where(t => TextTokens.Words(t).Count > 0).ToList();
var embedder = new HashingEmbedder();
var vectors = texts.Select(t => embedder.EmbedAsync(t, default).Result).ToList();
var words = texts.Select(t => TextTokens.Words(t).ToHashSet(StringComparer.Ordinal)).ToList();
var random = new Random(21);
var (related, akin, unrelated) = (new List<double>(), new List<double>(), new List<double>());
for (var i = 0; i < texts.Count; i++)
{
    var own = TextTokens.Words(texts[i]).Where(w => w.Length >= 3).Distinct().ToList();
    if (own.Count == 0)
    {
        continue;
    }

    var start = random.Next(own.Count);
    var query = own.Skip(start).Take(1 + random.Next(3)).ToList();
    var vector = embedder.EmbedAsync(string.Join(' ', query), default).Result;
    for (var j = 0; j < texts.Count; j++)
    {
        var cosine = vector.Zip(vectors[j], (a, b) => (double)a * b).Sum();
        (query.Any(words[j].Contains) ? related
            : query.Any(q => q.Length >= 4 && words[j].Any(w => w.StartsWith(q[..4], StringComparison.Ordinal))) ? akin
            : query.Any(q => words[j].Any(w => w.StartsWith(q[..3], StringComparison.Ordinal))) ? null
            : unrelated)?.Add(cosine);
    }
}

Console.WriteLine($"{texts.Count} messages; {related.Count} related, {akin.Count} akin and {unrelated.Count} unrelated query-message pairs");
Print("unrelated", unrelated, [0.5, 0.9, 0.95, 0.99, 0.999, 1]);
Print("related", related, [0.05, 0.1, 0.25, 0.5]);
Print("akin", akin, [0.05, 0.1, 0.25, 0.5, 0.75, 0.9]);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"at or above the floor: unrelated {Share(unrelated, Floor):P2}, akin {Share(akin, Floor):P1}, related {Share(related, Floor):P1}"));
foreach (var (query, text) in new[]
{
    ("1200 rps", "ok"), ("1200 rps", "The API holds 1200 rps at p99 40 ms"), ("deploy", "ok"), ("откат", "ок"),
    ("deploying", "The deployment to production failed because the database migration timed out"), ("deploying", "Deployment frozen"),
})
{
    var cosine = embedder.EmbedAsync(query, default).Result.Zip(embedder.EmbedAsync(text, default).Result, (a, b) => (double)a * b).Sum();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cos(\"{query}\", \"{text}\") = {cosine:F3}"));
}

static double Share(List<double> values, double floor) => values.Count(v => v >= floor) / (double)values.Count;

static void Print(string name, List<double> values, double[] quantiles)
{
    values.Sort();
    Console.WriteLine(name + ": " + string.Join(", ", quantiles.Select(q => string.Create(CultureInfo.InvariantCulture,
        $"p{q * 100:0.#} {values[(int)Math.Min(values.Count - 1, Math.Floor(q * values.Count))]:F3}"))));
}
