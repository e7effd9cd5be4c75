namespace Sift.Api;

/// <summary>
/// Every list endpoint answers a <see cref="Storage.Page{T}"/> (<c>{"items": [...], "continuation": ...}</c>)
/// and takes its size through <see cref="Limit"/>.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Validates a requested page size (1–200, default 50).</summary>
    public static int Limit(int? requested) => requested switch
    {
        null => DefaultLimit,
        >= 1 and <= MaxLimit => requested.Value,
        _ => throw new ValidationException("limit", $"limit must be between 1 and {MaxLimit}."),
    };
}

/// <summary>The query of a list that has no filters: its page size and where the previous page ended.</summary>
public sealed record PageQuery
{
    public int? Limit { get; init; }

    public string? Continuation { get; init; }
}
