using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Azure.Functions.Worker;

namespace Sift.Api;

/// <summary>
/// <see cref="StrictQuery"/> for the routes that are not HTTP functions yet (mapped with a handler
/// delegate, whose query parameters ASP.NET Core binds): the declared names come from the handler as
/// the API explorer describes it; routes without a handler method declare none.
/// </summary>
internal sealed class EndpointQuery(IApiDescriptionGroupCollectionProvider descriptions)
{
    private readonly Lazy<FrozenDictionary<MethodInfo, FrozenSet<string>>> declared = new(() => Declared(descriptions));

    public static void Use(WebApplication app)
    {
        var strict = ActivatorUtilities.CreateInstance<EndpointQuery>(app.Services);
        app.Use((context, next) =>
        {
            if (context.Request.Query.Count > 0 && context.Request.Path.StartsWithSegments("/api") && context.GetEndpoint() is { } endpoint
                && endpoint.Metadata.GetMetadata<FunctionAttribute>() is null)
            {
                var names = endpoint.Metadata.GetMetadata<MethodInfo>() is { } handler ? strict.declared.Value.GetValueOrDefault(handler, FrozenSet<string>.Empty) : FrozenSet<string>.Empty;
                StrictQuery.Check(context.Request.Query, names);
            }

            return next(context);
        });
    }

    /// <summary>Query parameters by handler, as clients send them (camelCase; binding ignores case, and so does this).</summary>
    private static FrozenDictionary<MethodInfo, FrozenSet<string>> Declared(IApiDescriptionGroupCollectionProvider descriptions) =>
        descriptions.ApiDescriptionGroups.Items.SelectMany(group => group.Items)
            .Select(description => (Handler: description.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().LastOrDefault(), description.ParameterDescriptions))
            .Where(d => d.Handler is not null)
            .GroupBy(d => d.Handler!)
            .ToFrozenDictionary(
                g => g.Key,
                g => g.SelectMany(d => d.ParameterDescriptions).Where(p => p.Source == BindingSource.Query).Select(p => p.Name).ToFrozenSet(StringComparer.OrdinalIgnoreCase));
}
