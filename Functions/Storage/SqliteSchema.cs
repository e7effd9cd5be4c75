using System.Text.RegularExpressions;

namespace Sift.Storage;

internal static partial class SqliteSchema
{
    public static string Table(CollectionDefinition definition) => $"\"doc_{Name(definition.Name)}\"";

    /// <summary>The expression a declared field is read, indexed and compared with.</summary>
    public static string Field(string field) => $"json_extract(body, {Path(field)})";

    /// <summary>The JSON path of a declared field, quoted for SQL.</summary>
    public static string Path(string field) => $"'$.{Name(field)}'";

    public static string CreateCollection(CollectionDefinition definition)
    {
        var table = Table(definition);
        var name = Name(definition.Name);
        var ddl = new List<string>
        {
            $"CREATE TABLE IF NOT EXISTS {table} (pk TEXT NOT NULL, id TEXT NOT NULL, etag TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (pk, id)) WITHOUT ROWID;",
        };
        foreach (var field in definition.SortFields)
        {
            var index = $"ix_{name}_{Name(field).Replace('.', '_')}";
            ddl.Add($"CREATE INDEX IF NOT EXISTS \"{index}_p\" ON {table} (pk, {Field(field)}, id);");
            ddl.Add($"CREATE INDEX IF NOT EXISTS \"{index}\" ON {table} ({Field(field)}, pk, id);");
        }

        foreach (var field in definition.FilterFields)
        {
            ddl.Add($"CREATE INDEX IF NOT EXISTS \"ix_{name}_{Name(field).Replace('.', '_')}_eq\" ON {table} ({Field(field)});");
        }

        return string.Join('\n', ddl);
    }

    /// <summary>Names come from code, never from requests; this keeps them safe to splice into SQL.</summary>
    private static string Name(string name) =>
        SafeName().IsMatch(name) ? name.Replace('-', '_') : throw new ArgumentException($"'{name}' is not a valid collection or field name.", nameof(name));

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,62}$")]
    private static partial Regex SafeName();
}
