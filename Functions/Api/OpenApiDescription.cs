using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Sift.Api;

/// <summary>
/// Completes the generated OpenAPI document: what is required follows the records' nullability,
/// anonymous routes say they need no key, HEAD is described by its GET, and bodies that HTTP
/// functions read themselves say what they are.
/// </summary>
public static class OpenApiDescription
{
    internal static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Sift API";
            document.Info.Description = "Telegram conversations and feeds, stored once, listed and ingested on schedule. Send the API key in X-Api-Key.";
            // The document is built into the app and served by whichever host runs it: the API is where the document is.
            document.Servers = [new OpenApiServer { Url = "/", Description = "The address this document was fetched from" }];

            DescribeHeadByGet(document);
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

            return Task.CompletedTask;
        });
        options.AddOperationTransformer(FunctionDescriptions.DescribeBodyAsync);
    }

    /// <summary>
    /// HEAD answers as GET does, without the body (RFC 9110): a function answering both is described
    /// once, by its GET, so each operation keeps the function's name as a unique operationId.
    /// </summary>
    private static void DescribeHeadByGet(OpenApiDocument document)
    {
        foreach (var path in document.Paths.Values.OfType<OpenApiPathItem>())
        {
            if (path.Operations is { } operations && operations.ContainsKey(HttpMethod.Get))
            {
                operations.Remove(HttpMethod.Head);
            }
        }
    }

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

    /// <summary>A field is required when it cannot be null (or says [Required]); nullable fields are optional.</summary>
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
}
