using System.Globalization;
using System.Text;
using DurableTask.Core;
using DurableTask.Core.Query;

namespace Sift.DurableTask.Sqlite;

public sealed partial class SqliteOrchestrationService
{
    /// <summary>
    /// Instances by status, created time range and id prefix, oldest first, a page at a time. The continuation token
    /// is the last row's position (created time and id), so a page never repeats or skips a row that did not change.
    /// </summary>
    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize < 1)
        {
            throw new ArgumentException("The page size must be at least 1.", nameof(query));
        }

        var (where, parameters) = Filter(query.RuntimeStatus, query.CreatedTimeFrom, query.CreatedTimeTo);
        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            where.Append(" AND substr(instance_id, 1, length($prefix)) = $prefix");
            parameters.Add(("$prefix", query.InstanceIdPrefix));
        }

        if (!string.IsNullOrEmpty(query.ContinuationToken))
        {
            var (created, id) = ParseToken(query.ContinuationToken);
            where.Append(" AND (created_at, instance_id) > ($after_created, $after_id)");
            parameters.Add(("$after_created", created));
            parameters.Add(("$after_id", id));
        }

        parameters.Add(("$limit", query.PageSize + 1));
        var rows = database.Read(connection => Database.Query(connection, null,
            $"SELECT {Instances.StateColumns} FROM instances WHERE {where} ORDER BY created_at, instance_id LIMIT $limit",
            row => Instances.ReadState(row, query.FetchInputsAndOutputs), [.. parameters]));
        var page = rows.Take(query.PageSize).ToList();
        var token = rows.Count > query.PageSize
            ? string.Create(CultureInfo.InvariantCulture, $"{Instances.Ticks(page[^1].CreatedTime)}|{page[^1].OrchestrationInstance.InstanceId}")
            : null;
        return Task.FromResult(new OrchestrationQueryResult(page, token));
    }

    /// <summary>Deletes an ended instance with its history and messages; an active one is left alone (0 deleted).</summary>
    public async Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) =>
        new(await database.WriteAsync((connection, transaction) =>
            Instances.PurgeTerminal(connection, transaction, "instance_id = $id", ("$id", instanceId))), isComplete: true);

    /// <summary>Deletes the ended instances the filter selects, in one transaction.</summary>
    public async Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter)
    {
        ArgumentNullException.ThrowIfNull(purgeInstanceFilter);
        var (where, parameters) = Filter(purgeInstanceFilter.RuntimeStatus?.ToList(), purgeInstanceFilter.CreatedTimeFrom, purgeInstanceFilter.CreatedTimeTo);
        return new(await database.WriteAsync((connection, transaction) =>
            Instances.PurgeTerminal(connection, transaction, where.ToString(), [.. parameters])), isComplete: true);
    }

    private static (StringBuilder Where, List<(string Name, object? Value)> Parameters) Filter(ICollection<OrchestrationStatus>? statuses, DateTime? from, DateTime? to)
    {
        var where = new StringBuilder("1 = 1");
        var parameters = new List<(string Name, object? Value)>();
        if (statuses is { Count: > 0 })
        {
            var names = statuses.Select((status, i) => ($"$status{i}", (object?)status.ToString())).ToList();
            where.Append(CultureInfo.InvariantCulture, $" AND status IN ({string.Join(", ", names.Select(n => n.Item1))})");
            parameters.AddRange(names);
        }

        if (from is { } start && start > DateTime.MinValue)
        {
            where.Append(" AND created_at >= $from");
            parameters.Add(("$from", Instances.Ticks(start)));
        }

        if (to is { } end && end < DateTime.MaxValue)
        {
            where.Append(" AND created_at <= $to");
            parameters.Add(("$to", Instances.Ticks(end)));
        }

        return (where, parameters);
    }

    private static (long Created, string Id) ParseToken(string token)
    {
        var separator = token.IndexOf('|', StringComparison.Ordinal);
        if (separator < 1 || !long.TryParse(token.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var created))
        {
            throw new ArgumentException("The continuation token is not one this backend gave.", nameof(token));
        }

        return (created, token[(separator + 1)..]);
    }
}
