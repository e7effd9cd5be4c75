using Microsoft.Azure.Functions.Worker;
using Sift.Hosting;

namespace Sift.Telegram;

/// <summary>Stores what the webhook queued: one update a message.</summary>
public sealed class TelegramTriggers(IServiceProvider services)
{
    [Function(nameof(ProcessTelegramUpdate))]
    public Task ProcessTelegramUpdate([QueueTrigger(TelegramUpdateMessage.Queue, Connection = QueueFunction.Connection)] string message, CancellationToken cancellationToken) =>
        QueueFunction.RunAsync<ProcessTelegramUpdate, TelegramUpdateMessage>(services, TelegramUpdateMessage.Queue, message, cancellationToken);
}
