namespace Sift.Api;

/// <summary>
/// On a request record: fields a client may know from the resource but cannot send, because they
/// cannot change. Sending one is a 400 that calls it immutable rather than unknown.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ImmutableFieldsAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}
