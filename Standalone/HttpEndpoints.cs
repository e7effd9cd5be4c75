using System.Reflection;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Sift.Api;

namespace Sift.Hosting;

/// <summary>
/// Serves the HTTP functions of functions.metadata, as the worker's ASP.NET Core integration does: each at <c>/{route}</c>
/// (host.json's route prefix is empty) with its methods, its delegate built by <see cref="RequestDelegateFactory"/> on an
/// instance of its class made per request from the request's services (through the constructor), and its class's and
/// method's attributes as endpoint metadata, so authorization, the OpenAPI document and problem mapping read them as they
/// read any endpoint's. The function name is the endpoint name (the operationId).
/// </summary>
public static class HttpEndpoints
{
    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder app)
    {
        foreach (var function in app.ServiceProvider.GetRequiredService<IReadOnlyList<FunctionEntry>>().Where(f => f.Trigger.Type == "httpTrigger"))
        {
            var method = function.Method;
            var pattern = RoutePatternFactory.Parse("/" + function.Trigger.Route);
            Check(function, method, pattern);
            var options = new RequestDelegateFactoryOptions
            {
                ServiceProvider = app.ServiceProvider,
                RouteParameterNames = [.. pattern.Parameters.Select(p => p.Name)],
                ThrowOnBadRequest = true,
            };
            var type = method.DeclaringType!;
            var metadata = RequestDelegateFactory.InferMetadata(method, options);
            // Compiled at the function's first request: all compiled at start-up made cold start 1.14x that of the
            // handler-delegate endpoints before; lazily 1.00x (bench/coldstart.py, 9 runs each, Release builds).
            var handler = new Lazy<RequestDelegate>(() =>
            {
                if (method.IsStatic)
                {
                    return RequestDelegateFactory.Create(method, null, options, metadata).RequestDelegate;
                }

                var create = ActivatorUtilities.CreateFactory(type, []);
                return RequestDelegateFactory.Create(method, context => create(context.RequestServices, null), options, metadata).RequestDelegate;
            });
            var durable = function.BindsDurableClient;
            RequestDelegate run = context =>
            {
                StrictQuery.Check(context.Request.Query, method);
                if (durable)
                {
                    context.RequestServices.UseDurableClient();
                }

                return handler.Value(context);
            };
            var attributes = type.GetCustomAttributes().Concat(method.GetCustomAttributes()).ToList();
            var endpoint = app.MapMethods(pattern.RawText!, function.Trigger.Methods!.Select(m => m.ToUpperInvariant()), run)
                .WithMetadata([.. metadata.EndpointMetadata, .. attributes, .. attributes.OfType<ProblemsAttribute>().SelectMany(p => p.Metadata()), method])
                .WithName(function.Name);
            if (attributes.OfType<AnswersAtRoutingAttribute>().Any())
            {
                endpoint.ShortCircuit();
            }
        }

        return app;
    }

    /// <summary>What both hosts bind alike: the request, route values as text, the Durable client, the cancellation token.</summary>
    private static void Check(FunctionEntry function, MethodInfo method, RoutePattern pattern)
    {
        var routeValues = pattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        if (method.GetParameters().FirstOrDefault(p => !(p.ParameterType == typeof(HttpRequest) || p.ParameterType == typeof(CancellationToken)
                || (p.ParameterType == typeof(DurableTaskClient) && p.GetCustomAttribute<DurableClientAttribute>() is not null)
                || (p.ParameterType == typeof(string) && routeValues.Contains(p.Name!)))) is { } unbound)
        {
            throw new InvalidOperationException($"{function.Name}: parameter '{unbound.Name}' is not the request, a route value, the Durable client or the cancellation token.");
        }
    }
}
