using System.Globalization;
using System.Text;

namespace Sift.Analysis.Offline;

/// <summary>
/// The learned spam and noise model of the offline analyzer: a multinomial logistic regression over
/// <see cref="SpamFeatures"/> (hashed word pairs, words, character n-grams and shapes, weighed by one
/// over the square root of their count), with three classes: ham, spam and noise. The weights ship
/// as <c>Model/spam-model-v2.bin</c>, trained by <c>bench/SpamModel</c> from public labelled sets
/// (<c>bench/SpamModel/DATA.md</c>); the thresholds in the file were chosen on a validation split.
/// </summary>
public sealed class SpamModel
{
    public const string Version = "spam-model-v2";
    public const int Ham = 0, Spam = 1, Noise = 2, Classes = 3;

    private const string Resource = "Sift.Analysis.Offline.Model.spam-model-v2.bin";
    private static readonly byte[] Magic = "SIFTSPM2"u8.ToArray();
    private static readonly Lazy<SpamModel> Embedded = new(() =>
    {
        using var stream = typeof(SpamModel).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The spam model {Resource} is not embedded.");
        return Read(stream);
    });

    [ThreadStatic] private static List<int>? features;
    [ThreadStatic] private static List<SpamFeatures.Token>? tokens;

    /// <param name="weights">Per bucket, one weight per class: <c>weights[bucket * Classes + class]</c>.</param>
    public SpamModel(float[] weights, float[] bias, float spamThreshold, float noiseThreshold)
    {
        if (weights.Length != SpamFeatures.Size * Classes || bias.Length != Classes)
        {
            throw new ArgumentException("A spam model has one weight per bucket and class, and one bias per class.");
        }

        (Weights, Bias, SpamThreshold, NoiseThreshold) = (weights, bias, spamThreshold, noiseThreshold);
    }

    /// <summary>The model in the repository, read once.</summary>
    public static SpamModel Shipped => Embedded.Value;

    public float[] Weights { get; }
    public float[] Bias { get; }

    /// <summary>The probability of spam from which a message is spam.</summary>
    public float SpamThreshold { get; }

    /// <summary>The probability of noise from which a short message with nothing specific is noise.</summary>
    public float NoiseThreshold { get; }

    /// <summary>The probability of each class for the features of a text (for training and evaluation).</summary>
    public void Probabilities(List<int> textFeatures, Span<double> probabilities)
    {
        Span<double> logits = stackalloc double[Classes];
        foreach (var bucket in textFeatures)
        {
            for (var c = 0; c < Classes; c++)
            {
                logits[c] += Weights[(bucket * Classes) + c];
            }
        }

        var scale = textFeatures.Count == 0 ? 0 : 1 / Math.Sqrt(textFeatures.Count);
        var max = double.MinValue;
        for (var c = 0; c < Classes; c++)
        {
            logits[c] = Bias[c] + (logits[c] * scale);
            max = Math.Max(max, logits[c]);
        }

        var sum = 0.0;
        for (var c = 0; c < Classes; c++)
        {
            probabilities[c] = Math.Exp(logits[c] - max);
            sum += probabilities[c];
        }

        for (var c = 0; c < Classes; c++)
        {
            probabilities[c] /= sum;
        }
    }

    /// <summary>How likely the text is spam and noise, and (when it is likely spam) the tokens that weighed most towards spam.</summary>
    public SpamVerdict Classify(string text)
    {
        var normalized = ChatNormalizer.Normalize(text, out var styled);
        var found = features ??= new List<int>(256);
        var read = tokens ??= new List<SpamFeatures.Token>(64);
        found.Clear();
        read.Clear();
        var lookAlikes = SpamFeatures.Extract(normalized, styled, found, read);
        Span<double> probabilities = stackalloc double[Classes];
        Probabilities(found, probabilities);
        var evidence = probabilities[Spam] >= 0.5 ? Evidence(normalized, found, read) : [];
        return new SpamVerdict(probabilities[Spam], probabilities[Noise], lookAlikes, evidence);
    }

    /// <summary>The three tokens whose features pushed most from ham towards spam.</summary>
    private List<string> Evidence(string normalized, List<int> found, List<SpamFeatures.Token> read) =>
        [.. read.Select(t => (t, Weight: Enumerable.Range(t.FirstFeature, t.EndFeature - t.FirstFeature).Sum(f => Weights[(found[f] * Classes) + Spam] - Weights[(found[f] * Classes) + Ham])))
            .Where(t => t.Weight > 0)
            .OrderByDescending(t => t.Weight)
            .Select(t => $"'{normalized.Substring(t.t.Start, Math.Min(t.t.Length, 40)).ToLowerInvariant()}'")
            .Distinct()
            .Take(3)];

    public static SpamModel Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadInt32() != SpamFeatures.Bits || reader.ReadInt32() != Classes)
        {
            throw new InvalidDataException("Not a spam model of this featurizer.");
        }

        var (spamThreshold, noiseThreshold) = (reader.ReadSingle(), reader.ReadSingle());
        var bias = new float[Classes];
        for (var c = 0; c < Classes; c++)
        {
            bias[c] = reader.ReadSingle();
        }

        var weights = new float[SpamFeatures.Size * Classes];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)BitConverter.UInt16BitsToHalf(reader.ReadUInt16());
        }

        return new SpamModel(weights, bias, spamThreshold, noiseThreshold);
    }

    /// <summary>Writes the model as it ships: the weights as 16-bit floats.</summary>
    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(SpamFeatures.Bits);
        writer.Write(Classes);
        writer.Write(SpamThreshold);
        writer.Write(NoiseThreshold);
        foreach (var b in Bias)
        {
            writer.Write(b);
        }

        foreach (var w in Weights)
        {
            writer.Write(BitConverter.HalfToUInt16Bits((Half)w));
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Version} (spam from {SpamThreshold:0.00}, noise from {NoiseThreshold:0.00})");
}

/// <param name="LookAlikeWords">Words that mixed Latin and Cyrillic letters.</param>
/// <param name="Evidence">The tokens that weighed most towards spam, when spam is likely; otherwise empty.</param>
public sealed record SpamVerdict(double Spam, double Noise, int LookAlikeWords, IReadOnlyList<string> Evidence)
{
    /// <summary>Words that mix scripts are a disguise people do not wear: two of them with a lean towards spam are enough.</summary>
    public bool IsSpam(SpamModel model) => Spam >= model.SpamThreshold || (LookAlikeWords >= 2 && Spam >= 0.5);
}
