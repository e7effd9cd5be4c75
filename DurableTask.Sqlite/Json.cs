using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Sift.DurableTask.Sqlite;

/// <summary>
/// History events and messages as DTFx itself writes them (Newtonsoft with type names, as its JsonDataConverter),
/// reading back only DurableTask.Core's types, history events and the framework's own collections.
/// </summary>
internal static class Json
{
    private static readonly JsonSerializerSettings Settings = new()
    {
        TypeNameHandling = TypeNameHandling.Objects,
        DateParseHandling = DateParseHandling.None,
        SerializationBinder = new CoreTypesBinder(),
    };

    public static string? Write(object? value) => value is null ? null : JsonConvert.SerializeObject(value, Settings);

    public static T Read<T>(string json) => JsonConvert.DeserializeObject<T>(json, Settings)
        ?? throw new InvalidDataException($"A stored {typeof(T).Name} is null.");

    public static T? ReadOrNull<T>(string? json) where T : class => json is null ? null : Read<T>(json);

    private sealed class CoreTypesBinder : DefaultSerializationBinder
    {
        public override Type BindToType(string? assemblyName, string typeName)
        {
            var type = base.BindToType(assemblyName, typeName);
            if (type.Assembly == typeof(HistoryEvent).Assembly || type.Assembly == typeof(object).Assembly || typeof(HistoryEvent).IsAssignableFrom(type))
            {
                return type;
            }

            throw new JsonSerializationException($"The stored type {typeName} is not one the backend writes.");
        }
    }
}
