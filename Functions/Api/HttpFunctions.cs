using System.Reflection;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;

namespace Sift.Api;

/// <summary>One HTTP function: a public method with <see cref="FunctionAttribute"/> and a parameter with <see cref="HttpTriggerAttribute"/>.</summary>
/// <param name="Route">Relative to the route prefix, as the Functions host takes it.</param>
/// <param name="Methods">In lower case, as the Functions host writes them.</param>
public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, MethodInfo Method)
{
    /// <summary>The query record it binds, if any: a function without one takes no query parameters.</summary>
    public Type? QueryType => Method.GetCustomAttribute<QueryParametersAttribute>()?.Type;
}

/// <summary>
/// Serves the HTTP functions on this host. Each is mapped at <c>/api/{Route}</c> with its methods,
/// its delegate built by <see cref="RequestDelegateFactory"/> on an instance of its class made per
/// request from the request's services (through the constructor), and its class's and method's attributes as
/// endpoint metadata, so authorization, the OpenAPI document and problem mapping read them as they
/// read any endpoint's. The function name is the endpoint name (the operationId).
/// </summary>
public static class HttpFunctions
{
    /// <summary>host.json's <c>extensions.http.routePrefix</c>.</summary>
    public const string RoutePrefix = "api";

    public static IReadOnlyList<HttpFunction> All { get; } = Find(typeof(HttpFunctions).Assembly);

    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder app)
    {
        foreach (var function in All)
        {
            var pattern = RoutePatternFactory.Parse($"/{RoutePrefix}/{function.Route}");
            var options = new RequestDelegateFactoryOptions
            {
                ServiceProvider = app.ServiceProvider,
                RouteParameterNames = [.. pattern.Parameters.Select(p => p.Name)],
                ThrowOnBadRequest = true,
            };
            var type = function.Method.DeclaringType!;
            var metadata = RequestDelegateFactory.InferMetadata(function.Method, options);
            // Compiled at the function's first request: all compiled at start-up made cold start 1.14x that of the
            // handler-delegate endpoints before; lazily 1.00x (bench/coldstart.py, 9 runs each, Release builds).
            var handler = new Lazy<RequestDelegate>(() =>
            {
                var create = ActivatorUtilities.CreateFactory(type, []);
                return RequestDelegateFactory.Create(function.Method, context => create(context.RequestServices, null), options, metadata).RequestDelegate;
            });
            var queryType = function.QueryType;
            RequestDelegate run = context =>
            {
                StrictQuery.Check(context.Request.Query, queryType);
                return handler.Value(context);
            };
            var attributes = type.GetCustomAttributes().Concat(function.Method.GetCustomAttributes()).ToList();
            var endpoint = app.MapMethods(pattern.RawText!, function.Methods.Select(m => m.ToUpperInvariant()), run)
                .WithMetadata([.. metadata.EndpointMetadata, .. attributes, .. attributes.OfType<ProblemsAttribute>().SelectMany(p => p.Metadata()), function.Method])
                .WithName(function.Name);
            if (attributes.OfType<AnswersAtRoutingAttribute>().Any())
            {
                endpoint.ShortCircuit();
            }
        }

        return app;
    }

    private static List<HttpFunction> Find(Assembly assembly)
    {
        var functions = new List<HttpFunction>();
        foreach (var method in assembly.GetTypes().Where(t => t.IsPublic).SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is not { } function
                || method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(t => t is not null) is not { } trigger)
            {
                continue;
            }

            var route = trigger.Route ?? throw new InvalidOperationException($"{function.Name} has no route.");
            var parameters = RoutePatternFactory.Parse(route).Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            // What both hosts bind alike: the request, route values as text, the cancellation token.
            if (method.GetParameters().FirstOrDefault(p => !(p.ParameterType == typeof(HttpRequest) || p.ParameterType == typeof(CancellationToken)
                    || (p.ParameterType == typeof(string) && parameters.Contains(p.Name!)))) is { } unbound)
            {
                throw new InvalidOperationException($"{function.Name}: parameter '{unbound.Name}' is not the request, a route value or the cancellation token.");
            }

            functions.Add(new HttpFunction(function.Name, route, [.. (trigger.Methods ?? []).Select(m => m.ToLowerInvariant())], method));
        }

        return functions;
    }
}
