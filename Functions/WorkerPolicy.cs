using System.Reflection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.DurableTask.Client;
using Sift.Api;
using Sift.Hosting;
using Sift.Orchestration;
using Sift.Security;
using Sift.Storage;

namespace Sift;

/// <summary>
/// Under the Functions host, what the standalone host's ASP.NET Core pipeline does around every function (the worker
/// lets no ASP.NET Core middleware in, so a worker middleware does it, with the same pieces):
/// <list type="bullet">
/// <item>a function that binds a Durable client gets it through <see cref="DurableClientAccessor"/>;</item>
/// <item>HTTP: the API key, the role the function's <see cref="AuthorizeAttribute"/> names (a key is needed unless it says
/// <see cref="AllowAnonymousAttribute"/>), the key's rate limit, unknown query parameters refused, and exceptions as
/// problem details (<see cref="ProblemMapping"/>);</item>
/// <item>queue: a <see cref="PermanentMessageException"/> moves the message to the poison queue at once; any other failure is
/// the host's to retry and poison after <c>maxDequeueCount</c>.</item>
/// </list>
/// </summary>
internal sealed partial class WorkerPolicy(DurableClientAccessor durableClients, IQueueClient queues, IAuthorizationService authorization, IExceptionHandler problems, ILogger<WorkerPolicy> logger)
    : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var bindings = context.FunctionDefinition.InputBindings.Values;
        if (bindings.FirstOrDefault(b => b.Type == "durableClient") is { } durable
            && (await context.BindInputAsync<DurableTaskClient>(durable)).Value is { } client)
        {
            durableClients.Use(client);
        }

        if (context.GetHttpContext() is { } http)
        {
            await InvokeHttpAsync(context, http, next);
        }
        else if (bindings.FirstOrDefault(b => b.Type == "queueTrigger") is { } queue)
        {
            await InvokeQueueAsync(context, queue, next);
        }
        else
        {
            await next(context);
        }
    }

    private async Task InvokeHttpAsync(FunctionContext context, HttpContext http, FunctionExecutionDelegate next)
    {
        var method = FunctionMethods.Of(context.FunctionDefinition.EntryPoint);
        try
        {
            if (method.GetCustomAttribute<AllowAnonymousAttribute>() is null)
            {
                var key = await http.AuthenticateAsync(ApiKeyAuthentication.SchemeName);
                if (!key.Succeeded)
                {
                    await http.ChallengeAsync(ApiKeyAuthentication.SchemeName);
                    return;
                }

                http.User = key.Principal;
                foreach (var role in method.DeclaringType!.GetCustomAttributes<AuthorizeAttribute>().Concat(method.GetCustomAttributes<AuthorizeAttribute>()).Select(a => a.Policy).OfType<string>())
                {
                    if (!(await authorization.AuthorizeAsync(http.User, role)).Succeeded)
                    {
                        await http.ForbidAsync(ApiKeyAuthentication.SchemeName, new AuthenticationProperties { Items = { [ApiKeyAuthentication.NeededRoleItem] = role } });
                        return;
                    }
                }

                await RateLimitExtensions.AcquireAsync(http, method.GetCustomAttribute<RateClassAttribute>());
            }

            StrictQuery.Check(http.Request.Query, method);
            await next(context);
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            await problems.TryHandleAsync(http, e, http.RequestAborted);
        }
    }

    private async Task InvokeQueueAsync(FunctionContext context, BindingMetadata trigger, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when ((e as PermanentMessageException ?? e.InnerException as PermanentMessageException) is { } permanent)
        {
            // Retrying cannot help: poison it now and end the invocation well, so the host deletes it instead of retrying it.
            var queueName = FunctionMethods.Queues.First(q => q.Function == context.FunctionDefinition.Name).Queue;
            var body = (await context.BindInputAsync<string>(trigger)).Value;
            LogRejected(logger, context.FunctionDefinition.Name, context.InvocationId, LogText.Escape(permanent.Message), QueueNames.Poison(queueName));
            await queues.SendAsync(QueueNames.Poison(queueName), body ?? "", null, CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: invocation {InvocationId} can never succeed; its message moved to {PoisonQueue}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string function, string invocationId, string reason, string poisonQueue);
}
