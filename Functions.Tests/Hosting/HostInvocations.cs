using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sift.Hosting;
using Sift.Storage;

namespace Sift.Tests.Hosting;

/// <summary>
/// Builds the requests the Functions host sends a custom handler, exactly as its source does
/// (Azure/azure-functions-host at 89dc438d476542786f2fc4070f553423213a6223):
/// - src/WebJobs.Script/Workers/Http/DefaultHttpWorkerService.cs: <c>POST http://127.0.0.1:{port}/{FunctionName}</c>
///   (ProcessDefaultInvocationRequest, BuildAndGetUri) with the headers of AddHeaders:
///   X-Azure-Functions-HostVersion, X-Azure-Functions-InvocationId and User-Agent <c>Azure-Functions-Host/{version}</c>
///   (names in HttpWorkerConstants.cs); the readiness probe is a GET of <c>/</c> (IsWorkerReady, SendPingRequestAsync).
/// - src/WebJobs.Script/Workers/MessageExtensions/ScriptInvocationContextExtensions.cs: Data holds each input by
///   binding name and Metadata the trigger's binding data without keys ending in "trigger"; each value goes through
///   GetHttpScriptInvocationContextValue: a string or a number fails JObject.FromObject and becomes
///   JsonConvert.SerializeObject of itself (the text <c>"\"hello\""</c>, the text <c>"1"</c>), a DateTimeOffset stays
///   a date, an object (TimerInfo, sys) becomes a JObject. A queue trigger binds <c>string</c> by default (the
///   WebJobs script binding falls back to string for triggers without a dataType).
/// - src/WebJobs.Script/Workers/MessageExtensions/HttpScriptInvocationContextExtensions.cs: the body is written by
///   ObjectContent with Newtonsoft's JsonMediaTypeFormatter (application/json; charset=utf-8).
/// </summary>
internal static class HostInvocations
{
    public const string HostVersion = "4.1044.0.0";

    /// <summary>A queue trigger's invocation of a message whose (base64-decoded) text is <paramref name="message"/>.</summary>
    public static HttpRequestMessage Queue(string function, string message, long dequeueCount = 1, string? id = null)
    {
        var inserted = new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);
        var payload = new JObject
        {
            ["Data"] = new JObject { [FunctionMetadata.QueueBinding] = Value(message) },
            ["Metadata"] = new JObject
            {
                ["DequeueCount"] = Value(dequeueCount),
                ["ExpirationTime"] = Value(inserted.AddDays(7)),
                ["Id"] = Value(id ?? Guid.NewGuid().ToString()),
                ["InsertionTime"] = Value(inserted),
                ["NextVisibleTime"] = Value(inserted.AddMinutes(10)),
                ["PopReceipt"] = Value("AgAAAAMAAAAAAAAAAgtnj8x+1QE="),
                ["sys"] = Sys(function),
            },
        };
        return Request(function, payload);
    }

    /// <summary>A queue trigger's invocation of a message as the host reads it from <paramref name="queued"/>.</summary>
    public static HttpRequestMessage Queue(string function, QueueMessage queued) => Queue(function, queued.Body, queued.DequeueCount + 1, queued.Id);

    /// <summary>A timer trigger's invocation: Data is JObject.FromObject(TimerInfo), Metadata only sys (TimerTrigger ends in "trigger").</summary>
    public static HttpRequestMessage Timer(string function)
    {
        var payload = new JObject
        {
            ["Data"] = new JObject
            {
                [FunctionMetadata.TimerBinding] = new JObject
                {
                    ["Schedule"] = new JObject { ["AdjustForDST"] = true },
                    ["ScheduleStatus"] = new JObject
                    {
                        ["Last"] = new DateTime(2026, 11, 23, 14, 0, 0, DateTimeKind.Utc),
                        ["Next"] = new DateTime(2026, 11, 23, 14, 1, 0, DateTimeKind.Utc),
                        ["LastUpdated"] = new DateTime(2026, 11, 23, 14, 0, 0, DateTimeKind.Utc),
                    },
                    ["IsPastDue"] = false,
                },
            },
            ["Metadata"] = new JObject { ["sys"] = Sys(function) },
        };
        return Request(function, payload);
    }

    /// <summary>Any body, with the host's headers, for requests the host would not build.</summary>
    public static HttpRequestMessage Raw(string function, string body) =>
        WithHeaders(new HttpRequestMessage(HttpMethod.Post, $"/{function}") { Content = new StringContent(body, Encoding.UTF8, "application/json") });

    /// <summary>What JsonConvert.SerializeObject makes of a string, a number or a date (GetHttpScriptInvocationContextValue).</summary>
    private static JValue Value(object value) => value is DateTimeOffset date ? new JValue(date) : new JValue(JsonConvert.SerializeObject(value));

    private static JObject Sys(string function) => new()
    {
        ["MethodName"] = function,
        ["UtcNow"] = new DateTime(2026, 11, 23, 14, 0, 1, DateTimeKind.Utc),
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };

    private static HttpRequestMessage Request(string function, JObject payload) => Raw(function, payload.ToString(Formatting.None));

    private static HttpRequestMessage WithHeaders(HttpRequestMessage request)
    {
        request.Headers.Add("X-Azure-Functions-HostVersion", HostVersion);
        request.Headers.Add(CustomHandler.InvocationIdHeader, Guid.NewGuid().ToString());
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Azure-Functions-Host", HostVersion));
        return request;
    }
}
