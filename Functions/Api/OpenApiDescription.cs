using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;

namespace Sift.Api;

/// <summary>
/// Completes the generated OpenAPI document: what is required follows the records' nullability,
/// anonymous routes say they need no key, query parameters are named as clients send them, and endpoints the generator cannot see (health checks,
/// anything mapped without a handler method) are described from their route metadata.
/// </summary>
public static class OpenApiDescription
{
    internal static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Sift API";
            document.Info.Description = "Telegram conversations and feeds, stored once, listed and ingested on schedule. Send the API key in X-Api-Key.";
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            MarkRequired(schema, context.JsonTypeInfo);
            DescribeText(schema, context.JsonTypeInfo.Type);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [];
            }

            NameQueryParameters(operation);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(FunctionDescriptions.DescribeBodyAsync);
        options.AddDocumentTransformer((document, context, _) =>
        {
            DescribeUndescribed(document, context.ApplicationServices.GetRequiredService<EndpointDataSource>());
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Query parameters bound from an [AsParameters] record are described by their property names
    /// (ChatId); clients send them camel-cased like every JSON field (chatId), which binds the same.
    /// </summary>
    private static void NameQueryParameters(OpenApiOperation operation)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter is { In: ParameterLocation.Query, Name: { } name })
            {
                parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(name);
            }
        }
    }

    /// <summary>The path an endpoint has in the document: parameters without constraints, no trailing slash.</summary>
    private static string PathOf(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }

    /// <summary>A field is required when it cannot be null (or says [Required]); nullable fields are optional.</summary>
    /// <summary>A type of Sift's own written as text by its converter (a chat key) is a string with the form its description gives.</summary>
    private static void DescribeText(OpenApiSchema schema, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsDefined(typeof(System.Text.Json.Serialization.JsonConverterAttribute)) && type.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>() is { } form)
        {
            schema.Type = JsonSchemaType.String;
            schema.Description = $"{char.ToUpperInvariant(form.Description[0])}{form.Description[1..]}.";
            schema.Properties?.Clear();
        }
    }

    private static void MarkRequired(OpenApiSchema schema, JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 } properties)
        {
            return;
        }

        schema.Required = type.Properties
            .Where(p => properties.ContainsKey(p.Name)
                && (!p.IsGetNullable || p.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true))
            .Select(p => p.Name)
            .ToHashSet();
    }

    private static void DescribeUndescribed(OpenApiDocument document, EndpointDataSource endpoints)
    {
        document.Paths ??= [];
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<MethodInfo>() is not null || endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            {
                continue;
            }

            var path = PathOf(endpoint.RoutePattern);
            if (!document.Paths.TryGetValue(path, out var item))
            {
                item = new OpenApiPathItem();
                document.Paths[path] = item;
            }

            var pathItem = (OpenApiPathItem)item;
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                pathItem.AddOperation(HttpMethod.Parse(method), Operation(endpoint, document));
            }
        }
    }

    private static OpenApiOperation Operation(RouteEndpoint endpoint, OpenApiDocument document)
    {
        var isHealth = endpoint.DisplayName?.StartsWith("Health checks", StringComparison.Ordinal) == true;
        var responses = new OpenApiResponses();
        foreach (var produces in endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>())
        {
            responses[produces.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse { Description = produces.Description ?? ProblemTitles.For(produces.StatusCode) };
        }

        if (responses.Count == 0)
        {
            responses["200"] = new OpenApiResponse { Description = isHealth ? "Healthy: the store and the queues answer." : "Success" };
            if (isHealth)
            {
                responses["503"] = new OpenApiResponse { Description = "Not healthy: a dependency does not answer." };
            }
        }

        var tag = isHealth ? "Health" : endpoint.Metadata.GetMetadata<ITagsMetadata>()?.Tags is [var first, ..] ? first : "Other";
        return new OpenApiOperation
        {
            Summary = isHealth ? "Health of the store and the queues" : endpoint.DisplayName,
            Tags = new HashSet<OpenApiTagReference> { new(tag, document) },
            Responses = responses,
            Security = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null ? null : [],
        };
    }
}
