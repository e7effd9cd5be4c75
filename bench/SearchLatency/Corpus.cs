using System.Globalization;
using Sift.Analysis.Offline;
using Sift.Storage;

/// <summary>Chat-like messages built from per-language phrase pools and shared technical terms, deterministic for a seed.</summary>
internal static class Corpus
{
    private static readonly string[] Terms = ["Kubernetes", "PostgreSQL", "Redis", "Grafana", "Terraform", "Kafka", "nginx", "CI/CD", "API", "SSO", "S3", "Docker", "GitHub", "Azure", "OAuth"];

    private static readonly string[][] Words =
    [
        "the deployment failed again after we merged the migration and nobody noticed until morning we should roll back the release review the pull request fix the flaky test on staging production cluster memory leak latency spike alert dashboard customer ticket invoice billing meeting tomorrow lunch budget roadmap quarter".Split(' '),
        "деплой упал опять после миграции базы данных никто не заметил до утра нужно откатить релиз посмотреть пулл реквест починить тест на стейджинге продакшен кластер утечка памяти задержка алерт дашборд клиент счёт оплата встреча завтра обед бюджет план квартал".Split(' '),
        "el despliegue falló otra vez después de la migración de la base de datos nadie lo notó hasta la mañana hay que revertir la versión revisar la solicitud arreglar la prueba en producción clúster memoria latencia alerta panel cliente factura reunión mañana presupuesto".Split(' '),
        "die Bereitstellung ist wieder fehlgeschlagen nach der Migration der Datenbank niemand hat es bis zum Morgen bemerkt wir sollten das Release zurückrollen den Test reparieren Produktion Cluster Speicherleck Latenz Alarm Kunde Rechnung Besprechung morgen Budget Quartal".Split(' '),
    ];

    public sealed record Message(string Chat, long Id, DateTimeOffset Date, string Text);

    public static List<Message> Messages(int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(1, count).Select(i =>
        {
            // Most chats are mostly one language (English twice as often), with technical terms in any.
            var language = random.Next(5) switch { 0 or 1 => 0, var l => l - 1 };
            var words = Enumerable.Range(0, random.Next(5, 30)).Select(_ => random.Next(8) == 0 ? Terms[random.Next(Terms.Length)] : Words[language][random.Next(Words[language].Length)]);
            return new Message(random.Next(1, 51).ToString(CultureInfo.InvariantCulture), i, start.AddMinutes(i * 5 + random.Next(5)), string.Join(' ', words));
        }).ToList();
    }

    /// <summary>A quarter each: a term, words taken from a message, the same within its chat, the same within a month.</summary>
    public static List<SearchRequest> Queries(List<Message> messages, int count, int seed)
    {
        var random = new Random(seed);
        var version = new HashingEmbedder().Version;
        return Enumerable.Range(0, count).Select(i =>
        {
            var message = messages[random.Next(messages.Count)];
            var words = message.Text.Split(' ');
            var text = i % 4 == 0 ? Terms[random.Next(Terms.Length)] : string.Join(' ', words.Skip(random.Next(words.Length / 2)).Take(random.Next(2, 6)));
            return new SearchRequest(text, HashingEmbedder.Embed(text), version,
                i % 4 == 2 ? message.Chat : null,
                i % 4 == 3 ? message.Date.AddDays(-15) : null,
                i % 4 == 3 ? message.Date.AddDays(15) : null,
                20);
        }).ToList();
    }
}
