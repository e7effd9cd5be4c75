using Sift.Analysis;

namespace Sift.Llm;

/// <summary>
/// The embed purpose served by an agent's embedding model: the text goes scrubbed of personal data
/// (placeholders carry no meaning, so little is lost), and vectors are scaled to unit length, as the port promises.
/// </summary>
internal sealed class ModelEmbedder(IModelClient client, ModelTarget target, ModelCalls calls, ModelPrivacy privacy) : IEmbedder
{
    public string Version => target.Version;

    public async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        var answer = await client.EmbedAsync(target, [privacy.Scrub(text).Text], cancellationToken);
        await calls.RecordAsync(answer.Usage, answer.Calls, null, cancellationToken);
        var vector = answer.Value[0];
        var length = MathF.Sqrt(vector.Sum(v => v * v));
        return length > 0 ? vector.Select(v => v / length).ToArray() : vector;
    }
}
