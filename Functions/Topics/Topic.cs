namespace Sift.Topics;

/// <summary>A user-defined topic messages are classified into, by its keywords and phrases.</summary>
public sealed record Topic(
    string Id, string Name, string? Description, IReadOnlyList<string> Keywords, IReadOnlyList<string> Phrases,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
