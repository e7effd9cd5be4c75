using Sift.Api;
using Sift.Events;
using Sift.Knowledge;
using Sift.Messages;
using Sift.Storage;

namespace Sift.Analysis.Labels;

/// <summary>
/// A person corrects a message's class. The label goes on the message first (its analysis shows
/// it at once, and every later analysis keeps it), then to search, the labels list and the label
/// memory the scorer learns from. Each step is idempotent and every call runs them all, so a
/// repeat heals a crash between them, and the same label twice changes nothing the second time.
/// </summary>
public sealed class Labelling(IDocumentStore store, ISearchIndex search, LabelMemory memory, EventJournal events, TimeProvider clock)
{
    /// <exception cref="NotFoundException">No such message.</exception>
    public async Task<LabelDocument> LabelAsync(ChatKey chat, long messageId, MessageClass messageClass, Reviewer by, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var saved = await store.ModifyAsync<MessageDocument>(MessageStore.Messages, chat.ToString(), MessageDocument.MakeId(chat, messageId), stored =>
        {
            var message = stored ?? throw NotFound(chat, messageId);
            if (message.Label?.Class == messageClass)
            {
                return null;
            }

            var label = new MessageLabel(messageClass, by, now, message.Analysis?.Class);
            return message with { Label = label, Analysis = message.Analysis?.Labelled(label) };
        }, cancellationToken);
        var labelled = saved.Value!;
        var document = LabelDocument.Of(labelled, labelled.Label!);
        await ReclassifyAsync(labelled, saved.Outcome, cancellationToken);
        await store.ModifyAsync<LabelDocument>(LabelDocument.Collection, chat.ToString(), labelled.Id, stored => stored == document ? null : document, cancellationToken);
        await memory.RememberAsync(labelled, labelled.Label!, cancellationToken);
        return document;
    }

    /// <summary>Gives the message back the model's class; a message without a label stays as it is.</summary>
    /// <exception cref="NotFoundException">No such message.</exception>
    public async Task RemoveAsync(ChatKey chat, long messageId, CancellationToken cancellationToken)
    {
        var saved = await store.ModifyAsync<MessageDocument>(MessageStore.Messages, chat.ToString(), MessageDocument.MakeId(chat, messageId), stored =>
        {
            var message = stored ?? throw NotFound(chat, messageId);
            return message.Label is null ? null : message with { Label = null, Analysis = message.Analysis?.Unlabelled() };
        }, cancellationToken);
        var message = saved.Value!;
        await ReclassifyAsync(message, saved.Outcome, cancellationToken);
        await store.DeleteAsync(LabelDocument.Collection, chat.ToString(), message.Id, cancellationToken);
        await memory.ForgetAsync(message, cancellationToken);
    }

    /// <summary>Newest first.</summary>
    public Task<Page<LabelDocument>> ListAsync(ChatKey? chat, MessageClass? messageClass, int limit, string? continuation, CancellationToken cancellationToken) =>
        store.QueryAsync<LabelDocument>(LabelDocument.Collection, new DocumentQuery
        {
            Partition = chat?.ToString(),
            Equal = DocumentQuery.Present((LabelDocument.ClassField, messageClass is { } c ? EnumQuery.Name(c) : null)),
            SortField = LabelDocument.SortField,
            Limit = limit,
            Continuation = continuation,
        }, cancellationToken);

    /// <summary>
    /// Search filters by the class the message shows, and open streams hear of it as an analysis; one not analysed
    /// yet is indexed with it, and announced, when it is.
    /// </summary>
    private async Task ReclassifyAsync(MessageDocument message, ModifyOutcome outcome, CancellationToken cancellationToken)
    {
        if (message.Analysis is { } analysis)
        {
            await search.ReclassifyAsync(message.Key.ToString(), message.MessageId, EnumQuery.Name(analysis.Class), cancellationToken);
            if (outcome != ModifyOutcome.Unchanged)
            {
                await events.MessageAnalyzedAsync(message, analysis, cancellationToken);
            }
        }
    }

    private static NotFoundException NotFound(ChatKey chat, long messageId) => new($"Message {messageId} of chat {chat} was not found.");
}
