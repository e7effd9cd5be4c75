using Microsoft.AspNetCore.Mvc;

namespace Sift.Api;

/// <summary>
/// The query record an HTTP function binds with <see cref="StrictQuery.Bind{T}"/>: its properties,
/// camel-cased, are the only query parameters the function takes, and the OpenAPI document lists them.
/// A function without it takes none.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class QueryParametersAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}

/// <summary>
/// The JSON body an HTTP function reads: with <see cref="RequestJson"/> when it is a request record,
/// or itself (streamed or raw) when <see cref="Description"/> says what it is. It feeds the OpenAPI
/// document only; it adds no content-type matching to the route.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class JsonBodyAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;

    /// <summary>A body that may be left out (the function reads it with <see cref="RequestJson.ReadOrNullAsync{T}"/>).</summary>
    public bool IsOptional { get; init; }

    public string? Description { get; init; }
}

/// <summary>
/// The problems (problem+json) an HTTP function may answer besides 401 and 429, for the OpenAPI
/// document: 400 is a validation problem (with errors), the others plain problems.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ProblemsAttribute(params int[] statusCodes) : Attribute
{
    public IReadOnlyList<int> StatusCodes { get; } = statusCodes;

    public IEnumerable<ProducesResponseTypeMetadata> Metadata() => StatusCodes.Select(status => new ProducesResponseTypeMetadata(
        status, status == Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), ["application/problem+json"]));
}

/// <summary>
/// On this host, the function runs at routing, skipping authentication, authorization and rate
/// limits: for an anonymous function that checks its caller itself and must answer fast (the webhook).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class AnswersAtRoutingAttribute : Attribute;

/// <summary>
/// The function is not an API operation and takes any query string (the web app: its pages keep their own query
/// parameters in the address); both hosts then skip the unknown-parameter check.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class AnyQueryAttribute : Attribute;
