using System.ComponentModel.DataAnnotations;
using Azure.Core;

namespace Sift.Llm;

/// <summary>
/// How hard the model client tries before it calls a provider unavailable (<c>Llm:Clients</c>). The
/// per-attempt timeout and the concurrency cap come from each target (the agent's provider settings).
/// </summary>
public sealed class ModelClientOptions
{
    public const string Section = "Llm:Clients";
    public const string AllowPrivateAddressesSetting = Section + ":AllowPrivateAddresses";

    /// <summary>
    /// Let model calls connect to loopback, private and other internal addresses: a model server on
    /// this machine or the LAN (Ollama, vLLM), an Azure OpenAI private endpoint. Off, a provider's URL
    /// reaches only public addresses, as feeds do.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Retries after the first attempt, on 408, 429, 5xx, timeouts and transport errors.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff; it doubles per retry, with jitter, unless the provider says how long to wait.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest Retry-After / retry-after-ms honoured; a provider asking for more is reported unavailable rather than waited for.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The share of failed attempts within <see cref="SamplingDuration"/> that opens a provider's circuit.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    [Range(typeof(TimeSpan), "00:00:00.5", "1.00:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Attempts within the sampling window before the failure ratio counts (a couple of failures never open it).</summary>
    [Range(2, 1000)]
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>How long an open circuit fails calls fast before one probe is let through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "1.00:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Replaces the Entra ID credential of Azure OpenAI targets without an API key (tests: a fake token source).</summary>
    internal TokenCredential? AzureCredential { get; set; }
}
