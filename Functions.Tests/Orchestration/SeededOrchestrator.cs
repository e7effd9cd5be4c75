using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Sift.Orchestration;
using Sift.Tests.Infrastructure;

namespace Sift.Tests.Orchestration;

/// <summary>A test orchestration whose input says how it ends: <c>fail</c>, <c>wait</c> (running until terminated) or anything else (completed).</summary>
internal sealed class SeededOrchestrator : TaskOrchestrator<string, string>
{
    public const string Name = "seeded";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input) => input switch
    {
        "fail" => throw new RunFailedException("Seeded to fail."),
        "wait" => await context.WaitForExternalEvent<string>("never"),
        _ => "done",
    };

    public static void Register(IServiceCollection services) => services.AddOrchestrator<SeededOrchestrator>(Name, "seeded-");

    /// <summary>Starts <c>seeded-{id}</c> and waits until it has the status its input leads to.</summary>
    public static async Task SeedAsync(SiftApp app, string id, OrchestrationStatus status)
    {
        var input = status switch { OrchestrationStatus.Failed => "fail", OrchestrationStatus.Running => "wait", _ => "complete" };
        await app.Orchestrations().StartAsync(Name, $"seeded-{id}", input, default);
        await OrchestrationTests.WaitForAsync(app, $"seeded-{id}", status);
    }
}
