using Microsoft.AspNetCore.Http.HttpResults;
using Sift.Api;
using Sift.Orchestration;
using Sift.Security;
using Sift.Storage;
using Sift.Messages;

namespace Sift.Knowledge;

public static class KnowledgeEndpoints
{
    public static IHostApplicationBuilder AddKnowledge(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalysisRunOptions>().BindConfiguration(AnalysisRunOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddCollection(AtomDocument.Definition);
        builder.Services.AddCollection(ProposalDocument.Definition);
        builder.Services.AddSingleton<KnowledgeStore>();
        builder.Services.AddSingleton<AnalysisRuns>();
        builder.Services.AddCollection(new CollectionDefinition(RunRecords.Collection));
        builder.Services.AddOrchestrator<AnalysisRunOrchestrator>(AnalysisRunOrchestrator.Name, "analysis-");
        builder.Services.AddActivity<SelectMessages>();
        builder.Services.AddActivity<PlanBatches>();
        builder.Services.AddActivity<ExtractBatch>();
        builder.Services.AddActivity<MergeAtoms>();
        builder.Services.AddActivity<StoreAtoms>();
        builder.Services.AddActivity<SummarizeRun>();
        builder.Services.AddActivity<ForgetRun>();
        return builder;
    }

    /// <summary>Runs, atoms and proposals: a route group each.</summary>
    public static IEndpointRouteBuilder MapKnowledge(this IEndpointRouteBuilder app)
    {
        app.MapAnalysisRuns();
        app.MapAtoms();
        app.MapProposals();
        return app;
    }

    public static RouteGroupBuilder MapAnalysisRuns(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/analysis-runs").WithTags("Knowledge").RequireAuthorization(Roles.Reader)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", StartAsync).RequireAuthorization(Roles.Operator).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>202 with the status URL in Location, or 409 (with it in the body) while the same window's run is Pending or Running.</summary>
    private static async Task<Accepted<OrchestrationStatusResponse>> StartAsync(StartAnalysisRunRequest request, AnalysisRuns runs, CancellationToken cancellationToken)
    {
        var instance = await runs.StartAsync(request, cancellationToken);
        return TypedResults.Accepted(OrchestrationStatusResponse.Url(instance.InstanceId), OrchestrationStatusResponse.From(instance));
    }

    private static async Task<Ok<Page<OrchestrationStatusResponse>>> ListAsync(
        AnalysisRuns runs, ChatKey? chatId, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        var page = await runs.ListAsync(chatId, Paging.Limit(limit), continuation, cancellationToken);
        return TypedResults.Ok(new Page<OrchestrationStatusResponse>(page.Items.Select(OrchestrationStatusResponse.From).ToList(), page.Continuation));
    }

    private static async Task<Ok<OrchestrationStatusResponse>> GetAsync(string id, AnalysisRuns runs, CancellationToken cancellationToken) =>
        TypedResults.Ok(OrchestrationStatusResponse.From(await runs.GetAsync(id, cancellationToken)));
}
