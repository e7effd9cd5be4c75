using Sift.Storage;

namespace Sift.Events;

public static class EventExtensions
{
    public static IHostApplicationBuilder AddEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EventOptions>().BindConfiguration(EventOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddCollection(EventJournal.Definition);
        builder.Services.AddSingleton<EventJournal>();
        builder.Services.AddSingleton<LiveEvents>();
        return builder;
    }
}
