using System.Diagnostics;
using Sift.Ingestion.TelegramExport;

// Reads an export page by page the way an import does: each page opens the file at the position the
// page before stopped at and reads the next page of messages. Linear cost means messages/s stays
// flat as the file grows.  dotnet run -c Release --project bench/ExportRead -- export.json [pageSize=500]
var path = args[0];
var pageSize = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500;
var clock = Stopwatch.StartNew();
ExportPosition? at = null;
long messages = 0, pages = 0;
var more = true;
while (more)
{
    await using var file = File.OpenRead(path);
    file.Position = at?.ByteOffset ?? 0;
    var read = 0;
    await foreach (var message in TelegramExportReader.ReadAsync(file, at, CancellationToken.None))
    {
        at = message.Next;
        if (++read == pageSize)
        {
            break;
        }
    }

    (messages, pages, more) = (messages + read, pages + 1, read == pageSize);
}

var paged = clock.Elapsed.TotalSeconds;
var counted = Stopwatch.StartNew();
await using (var file = File.OpenRead(path))
{
    var total = await TelegramExportReader.CountAsync(file, CancellationToken.None);
    if (total != messages)
    {
        throw new InvalidOperationException($"Counted {total} messages but read {messages}.");
    }
}

Console.WriteLine(FormattableString.Invariant(
    $"{messages,10} messages {new FileInfo(path).Length / 1048576.0,8:0} MB  paged read {paged,7:0.00} s ({messages / paged,9:0} msg/s, {pages} pages)  count {counted.Elapsed.TotalSeconds,6:0.00} s ({messages / counted.Elapsed.TotalSeconds,9:0} msg/s)"));
