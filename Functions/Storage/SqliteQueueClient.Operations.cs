using Microsoft.Data.Sqlite;

namespace Sift.Storage;

internal sealed partial class SqliteQueueClient
{
    /// <summary>One queue operation, run by the writer inside a shared transaction.</summary>
    private abstract record QueueOperation
    {
        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public abstract object? Execute(SqliteConnection connection, SqliteTransaction transaction, long now);

        protected static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return command;
        }

        protected static void Insert(SqliteConnection connection, SqliteTransaction transaction, string queue, string body, long now, long visibleAt)
        {
            using var command = Command(connection, transaction,
                "INSERT INTO messages (id, queue, body, inserted_at, visible_at) VALUES ($id, $queue, $body, $now, $visible)",
                ("$id", Guid.NewGuid().ToString("N")), ("$queue", queue), ("$body", body), ("$now", now), ("$visible", visibleAt));
            command.ExecuteNonQuery();
        }
    }

    private sealed record Send(string Queue, string Body, TimeSpan Delay) : QueueOperation
    {
        public override object? Execute(SqliteConnection connection, SqliteTransaction transaction, long now)
        {
            Insert(connection, transaction, Queue, Body, now, now + (long)Delay.TotalMilliseconds);
            return null;
        }
    }

    private sealed record Receive(string Queue, int MaxMessages, TimeSpan VisibilityTimeout) : QueueOperation
    {
        public override object? Execute(SqliteConnection connection, SqliteTransaction transaction, long now)
        {
            var receipt = Guid.NewGuid().ToString("N");
            using var command = Command(connection, transaction, """
                UPDATE messages SET visible_at = $until, dequeue_count = dequeue_count + 1, pop_receipt = $receipt
                WHERE seq IN (SELECT seq FROM messages WHERE queue = $queue AND visible_at <= $now ORDER BY visible_at, seq LIMIT $max)
                RETURNING id, body, inserted_at, dequeue_count
                """,
                ("$until", now + (long)VisibilityTimeout.TotalMilliseconds), ("$receipt", receipt), ("$queue", Queue), ("$now", now), ("$max", MaxMessages));
            using var reader = command.ExecuteReader();
            var messages = new List<QueueMessage>();
            while (reader.Read())
            {
                messages.Add(new QueueMessage(Queue, reader.GetString(0), receipt, reader.GetString(1), reader.GetInt64(3),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
            }

            return messages;
        }
    }

    private sealed record Complete(QueueMessage Message) : QueueOperation
    {
        public override object? Execute(SqliteConnection connection, SqliteTransaction transaction, long now)
        {
            using var command = Command(connection, transaction, "DELETE FROM messages WHERE id = $id AND pop_receipt = $receipt",
                ("$id", Message.Id), ("$receipt", Message.PopReceipt));
            return command.ExecuteNonQuery() == 1;
        }
    }

    private sealed record Abandon(QueueMessage Message, TimeSpan Delay) : QueueOperation
    {
        public override object? Execute(SqliteConnection connection, SqliteTransaction transaction, long now)
        {
            using var command = Command(connection, transaction, "UPDATE messages SET visible_at = $visible WHERE id = $id AND pop_receipt = $receipt",
                ("$visible", now + (long)Delay.TotalMilliseconds), ("$id", Message.Id), ("$receipt", Message.PopReceipt));
            return command.ExecuteNonQuery() == 1;
        }
    }

    private sealed record DeadLetter(QueueMessage Message) : QueueOperation
    {
        public override object? Execute(SqliteConnection connection, SqliteTransaction transaction, long now)
        {
            using var command = Command(connection, transaction, "DELETE FROM messages WHERE id = $id AND pop_receipt = $receipt",
                ("$id", Message.Id), ("$receipt", Message.PopReceipt));
            if (command.ExecuteNonQuery() != 1)
            {
                return false;
            }

            Insert(connection, transaction, QueueNames.Poison(Message.Queue), Message.Body, now, now);
            return true;
        }
    }
}
