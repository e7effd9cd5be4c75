using Sift.Storage;

namespace Sift.Messages;

public static class MessageExtensions
{
    public static IHostApplicationBuilder AddMessages(this IHostApplicationBuilder builder)
    {
        foreach (var collection in MessageStore.Collections)
        {
            builder.Services.AddCollection(collection);
        }

        builder.Services.AddSingleton<ChatStatistics>();
        builder.Services.AddSingleton<MessageStore>();
        return builder;
    }
}
