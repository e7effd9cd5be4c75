using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Sift.Storage;

/// <summary>
/// The embedded document store: a table per collection holding JSON bodies, with expression
/// indexes on the fields each collection declares. Every write is one statement, so it has the
/// same single-document atomicity as Cosmos and no more; writes are group-committed by the
/// <see cref="SqliteWriter"/> and reads use pooled connections.
/// </summary>
internal sealed class SqliteDocumentStore : IDocumentStore, IAsyncDisposable
{
    private readonly SqliteDatabase database;
    private readonly SqliteWriter writer;
    private readonly Dictionary<string, CollectionDefinition> collections;
    private readonly ContinuationProtection continuations;

    public SqliteDocumentStore(SqliteDatabase database, IEnumerable<CollectionDefinition> definitions, ContinuationProtection continuations)
    {
        this.database = database;
        this.continuations = continuations;
        collections = definitions.ToDictionary(d => d.Name);
        // One transaction: a new data directory is created with one commit (one fsync), not one per table and index.
        using var connection = database.Open();
        using (var migration = connection.BeginTransaction())
        {
            foreach (var definition in collections.Values)
            {
                SqliteDatabase.Execute(connection, SqliteSchema.CreateCollection(definition), migration);
            }

            migration.Commit();
        }

        writer = new SqliteWriter(database);
    }

    public Task<Stored<T>?> GetAsync<T>(string collection, string partition, string id, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var command = Command(connection, $"SELECT etag, body FROM {Table(collection)} WHERE pk = $pk AND id = $id", partition, id);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? new Stored<T>(Deserialize<T>(reader, 1), reader.GetString(0)) : null);
    }

    public async Task<Stored<T>> CreateAsync<T>(string collection, string partition, string id, T document, CancellationToken cancellationToken)
    {
        var (etag, body) = (NewETag(), Serialize(document));
        var created = await WriteAsync(collection, "INSERT INTO {0} (pk, id, etag, body) VALUES ($pk, $id, $etag, $body) ON CONFLICT (pk, id) DO NOTHING",
            partition, id, etag, body, cancellationToken);
        return created == 1 ? new Stored<T>(document, etag) : throw new DocumentConflictException(collection, id);
    }

    public async Task<Stored<T>> ReplaceAsync<T>(string collection, string partition, string id, T document, string etag, CancellationToken cancellationToken)
    {
        var (newETag, body) = (NewETag(), Serialize(document));
        var replaced = await WriteAsync(collection, "UPDATE {0} SET etag = $etag, body = $body WHERE pk = $pk AND id = $id AND etag = $old",
            partition, id, newETag, body, cancellationToken, etag);
        return replaced == 1 ? new Stored<T>(document, newETag) : throw new DocumentPreconditionException(collection, id);
    }

    public async Task<Stored<T>> UpsertAsync<T>(string collection, string partition, string id, T document, CancellationToken cancellationToken)
    {
        var (etag, body) = (NewETag(), Serialize(document));
        await WriteAsync(collection, """
            INSERT INTO {0} (pk, id, etag, body) VALUES ($pk, $id, $etag, $body)
            ON CONFLICT (pk, id) DO UPDATE SET etag = excluded.etag, body = excluded.body
            """, partition, id, etag, body, cancellationToken);
        return new Stored<T>(document, etag);
    }

    public async Task<bool> DeleteAsync(string collection, string partition, string id, CancellationToken cancellationToken) =>
        await WriteAsync(collection, "DELETE FROM {0} WHERE pk = $pk AND id = $id", partition, id, null, null, cancellationToken) == 1;

    public Task<Page<T>> QueryAsync<T>(string collection, DocumentQuery query, CancellationToken cancellationToken)
    {
        var position = query.Continuation is { Length: > 0 } token ? continuations.Open(token, collection, query) : null;
        var sql = new SqliteQueryBuilder(Definition(collection), query, position);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        sql.BindSelect(command, Table(collection));
        using var reader = command.ExecuteReader();
        var items = new List<T>();
        ContinuationToken? last = null;
        while (reader.Read())
        {
            if (items.Count == query.Limit)
            {
                return Task.FromResult(new Page<T>(items, continuations.Seal(last!, collection, query)));
            }

            items.Add(Deserialize<T>(reader, 2));
            // Only the page's last row is where a next page would start.
            if (items.Count == query.Limit)
            {
                last = new ContinuationToken(reader.IsDBNull(3) ? null : ToJson(reader.GetValue(3)), reader.GetString(0), reader.GetString(1));
            }
        }

        return Task.FromResult(new Page<T>(items, null));
    }

    public Task<long> CountAsync(string collection, DocumentQuery query, CancellationToken cancellationToken)
    {
        var sql = new SqliteQueryBuilder(Definition(collection), query, null);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        sql.BindCount(command, Table(collection));
        return Task.FromResult((long)command.ExecuteScalar()!);
    }

    /// <returns>The number of documents the statement changed.</returns>
    private Task<int> WriteAsync(string collection, string sqlFormat, string partition, string id, string? etag, string? body,
        CancellationToken cancellationToken, string? expectedETag = null)
    {
        var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, sqlFormat, Table(collection));
        return writer.WriteAsync(statements => statements.Bind(sql,
            ("$pk", partition), ("$id", id), ("$etag", (object?)etag ?? DBNull.Value), ("$body", (object?)body ?? DBNull.Value),
            ("$old", (object?)expectedETag ?? DBNull.Value)).ExecuteNonQuery(), cancellationToken);
    }

    public ValueTask DisposeAsync() => writer.DisposeAsync();

    private static SqliteCommand Command(SqliteConnection connection, string sql, string partition, string id)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$pk", partition);
        command.Parameters.AddWithValue("$id", id);
        return command;
    }

    private CollectionDefinition Definition(string collection) =>
        collections.TryGetValue(collection, out var definition)
            ? definition
            : throw new InvalidOperationException($"Collection '{collection}' is not registered.");

    private string Table(string collection) => SqliteSchema.Table(Definition(collection));

    private static string NewETag() => Guid.NewGuid().ToString("N");

    private static string Serialize<T>(T document) => JsonSerializer.Serialize(document, SiftJson.Options);

    /// <summary>Reads the body column as the UTF-8 SQLite holds: no string of it is made only to be read back into bytes.</summary>
    private static T Deserialize<T>(SqliteDataReader reader, int ordinal) =>
        JsonSerializer.Deserialize<T>(reader.GetFieldValue<byte[]>(ordinal), SiftJson.Options)!;

    private static JsonElement ToJson(object value) => JsonSerializer.SerializeToElement(value);
}
