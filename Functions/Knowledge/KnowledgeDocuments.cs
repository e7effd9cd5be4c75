using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Sift.Analysis;
using Sift.Messages;
using Sift.Storage;

namespace Sift.Knowledge;

/// <summary>
/// One piece of knowledge from a chat, in the chat's partition. Its id is a hash of the chat, the
/// kind and the normalized title, so rerunning a window finds the same atoms instead of adding copies.
/// </summary>
public sealed record AtomDocument
{
    public const string Collection = "atoms";

    public static CollectionDefinition Definition { get; } = new(Collection, ["date"], ["kind", "topicId"]);

    public required string Id { get; init; }
    public required ChatKey ChatId { get; init; }
    public required AtomKind Kind { get; init; }
    public required string Title { get; init; }
    public required string Content { get; init; }
    public required double Confidence { get; init; }
    public string? TopicId { get; init; }
    public string? Owner { get; init; }
    public DateOnly? DueDate { get; init; }
    public required IReadOnlyList<long> SourceMessageIds { get; init; }

    /// <summary>The latest cited message's date: where the atom sorts and which day's digest shows it.</summary>
    public required DateTimeOffset Date { get; init; }

    /// <summary>The run (orchestration instance) that last wrote it.</summary>
    public required string RunId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Whether <paramref name="other"/> says the same (times aside).</summary>
    public bool SameAs(AtomDocument other) =>
        (Kind, Title, Content, Confidence, TopicId, Owner, DueDate, Date, RunId) ==
        (other.Kind, other.Title, other.Content, other.Confidence, other.TopicId, other.Owner, other.DueDate, other.Date, other.RunId)
        && SourceMessageIds.SequenceEqual(other.SourceMessageIds);

    public static string MakeId(ChatKey chatId, AtomKind kind, string normalizedTitle) =>
        "a-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{chatId}\n{kind}\n{normalizedTitle}")))[..24];
}

public enum ProposalStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("approved")] Approved,
    [JsonStringEnumMemberName("rejected")] Rejected,
}

/// <summary>Who reviewed a proposal: the API key's public id and name.</summary>
public sealed record Reviewer(string KeyId, string Name)
{
    /// <summary>The API key that made the request, by id and name.</summary>
    public static Reviewer Of(System.Security.Claims.ClaimsPrincipal caller) =>
        new(caller.FindFirst(Security.ApiKeyAuthentication.KeyIdClaim)?.Value ?? "unknown", caller.FindFirst(System.Security.Claims.ClaimTypes.Name)?.Value ?? "unknown");
}

/// <summary>
/// An action item or decision for people to approve or reject, in the chat's partition. Created
/// once per atom (its id derives from the atom's), so a rerun never resets a review.
/// </summary>
public sealed record ProposalDocument
{
    public const string Collection = "proposals";

    public static CollectionDefinition Definition { get; } = new(Collection, ["createdAt"], ["status", "kind", "topicId"]);

    public required string Id { get; init; }
    public required ChatKey ChatId { get; init; }
    public required string AtomId { get; init; }
    public required AtomKind Kind { get; init; }
    public required string Title { get; init; }
    public required string Content { get; init; }
    public string? Owner { get; init; }
    public DateOnly? DueDate { get; init; }
    public string? TopicId { get; init; }
    public required ProposalStatus Status { get; init; }
    public Reviewer? ReviewedBy { get; init; }
    public DateTimeOffset? ReviewedAt { get; init; }
    public string? Reason { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    public static bool IsProposed(AtomKind kind) => kind is AtomKind.ActionItem or AtomKind.Decision;

    public static string IdOf(string atomId) => "p-" + atomId[2..];
}
