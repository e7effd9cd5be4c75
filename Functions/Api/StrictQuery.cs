using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Sift.Api;

/// <summary>
/// Every API route takes only the query parameters it declares: an unknown one (a typo such as
/// <c>?clas=spam</c>, which would otherwise be ignored and answer the unfiltered list) is a 400
/// naming it, and a window whose <c>since</c> is after its <c>until</c> is a 400. The declared
/// names come from the endpoint's handler as the API explorer (and so the OpenAPI document)
/// describes it, the one declaration per endpoint; routes without a handler method (health, the
/// OpenAPI document) declare none.
/// </summary>
internal sealed class StrictQuery(IApiDescriptionGroupCollectionProvider descriptions)
{
    private readonly Lazy<FrozenDictionary<MethodInfo, FrozenSet<string>>> declared = new(() => Declared(descriptions));

    public static void Use(WebApplication app)
    {
        var strict = ActivatorUtilities.CreateInstance<StrictQuery>(app.Services);
        app.Use((context, next) =>
        {
            if (context.Request.Query.Count > 0 && context.Request.Path.StartsWithSegments("/api") && context.GetEndpoint() is { } endpoint)
            {
                strict.Check(endpoint, context.Request.Query);
            }

            return next(context);
        });
    }

    /// <exception cref="ValidationException">An undeclared parameter, or since after until.</exception>
    private void Check(Endpoint endpoint, IQueryCollection query)
    {
        var names = endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler ? declared.Value.GetValueOrDefault(handler, FrozenSet<string>.Empty) : FrozenSet<string>.Empty;
        var unknown = query.Keys.Where(key => !names.Contains(key)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            var known = names.Count == 0 ? "This route takes no query parameters." : $"It takes {string.Join(", ", names.Order(StringComparer.Ordinal))}.";
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var name in unknown.Select(ProblemTitles.Echo))
            {
                errors[name] = [$"Unknown query parameter '{name}'. {known}"];
            }

            throw new ValidationException(errors);
        }

        if (Time(query, "since") is { } since && Time(query, "until") is { } until && since > until)
        {
            throw new ValidationException("until", "until must not be before since.");
        }
    }

    /// <summary>A value that does not parse is left to binding, which names it.</summary>
    private static DateTimeOffset? Time(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count == 1
            && DateTimeOffset.TryParse(values[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    /// <summary>Query parameters by handler, as clients send them (camelCase; binding ignores case, and so does this).</summary>
    private static FrozenDictionary<MethodInfo, FrozenSet<string>> Declared(IApiDescriptionGroupCollectionProvider descriptions) =>
        descriptions.ApiDescriptionGroups.Items.SelectMany(group => group.Items)
            .Select(description => (Handler: description.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault(), description.ParameterDescriptions))
            .Where(d => d.Handler is not null)
            .GroupBy(d => d.Handler!)
            .ToFrozenDictionary(
                g => g.Key,
                g => g.SelectMany(d => d.ParameterDescriptions).Where(p => p.Source == BindingSource.Query).Select(p => p.Name).ToFrozenSet(StringComparer.OrdinalIgnoreCase));
}
