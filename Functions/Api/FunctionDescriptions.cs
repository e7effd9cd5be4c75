using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;

namespace Sift.Api;

/// <summary>
/// HTTP functions bind their query and body themselves, so the API explorer cannot see them in the
/// method's parameters: this adds what <see cref="QueryParametersAttribute"/> and
/// <see cref="JsonBodyAttribute"/> declare to each function's description, which the OpenAPI
/// document is generated from as for any parameter.
/// </summary>
internal sealed class FunctionDescriptions : IApiDescriptionProvider
{
    private static readonly EmptyModelMetadataProvider Metadata = new();

    /// <summary>After the provider that describes endpoints (-1100).</summary>
    public int Order => -1000;

    public void OnProvidersExecuting(ApiDescriptionProviderContext context)
    {
    }

    public void OnProvidersExecuted(ApiDescriptionProviderContext context)
    {
        foreach (var description in context.Results)
        {
            var metadata = description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<QueryParametersAttribute>().FirstOrDefault() is { } query)
            {
                foreach (var (name, property) in StrictQuery.Of(query.Type))
                {
                    description.ParameterDescriptions.Add(new ApiParameterDescription
                    {
                        Name = name,
                        Source = BindingSource.Query,
                        Type = property.PropertyType,
                        ModelMetadata = Metadata.GetMetadataForProperty(query.Type, property.Name),
                        ParameterDescriptor = new ParameterDescriptor { Name = name, ParameterType = property.PropertyType },
                    });
                }
            }

            if (metadata.OfType<JsonBodyAttribute>().FirstOrDefault() is { } body)
            {
                description.ParameterDescriptions.Add(new ApiParameterDescription
                {
                    Name = "body",
                    Source = BindingSource.Body,
                    Type = body.Type,
                    IsRequired = !body.IsOptional,
                    ModelMetadata = Metadata.GetMetadataForType(body.Type),
                    ParameterDescriptor = new ParameterDescriptor { Name = "body", ParameterType = body.Type },
                });
                description.SupportedRequestFormats.Add(new ApiRequestFormat { MediaType = "application/json" });
            }
        }
    }

    /// <summary>A body's description, where the attribute gives one (a body the function reads itself).</summary>
    public static Task DescribeBodyAsync(Microsoft.OpenApi.OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonBodyAttribute>().FirstOrDefault() is { Description: { } text } && operation.RequestBody is { } body)
        {
            body.Description = text;
        }

        return Task.CompletedTask;
    }
}
