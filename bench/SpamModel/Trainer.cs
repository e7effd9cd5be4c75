using Sift.Analysis.Offline;
using static Sift.Analysis.Offline.SpamModel;

namespace Sift.Bench.SpamModel;

/// <summary>
/// Multinomial logistic regression by AdaGrad over <see cref="SpamFeatures"/>, each class weighed by
/// the inverse of its share, a fixed seed for the order, and a copy of one spam text in three
/// disguised as spam disguises itself (<see cref="Disguise"/>), so the model learns the disguise.
/// </summary>
public static class Trainer
{
    private const int Epochs = 12;
    private const double Rate = 0.3;
    private const double L2 = 1e-6;

    public static Analysis.Offline.SpamModel Train(IReadOnlyList<Sample> samples, int seed)
    {
        var random = new Random(seed);
        var examples = samples.SelectMany(s => s.Class == Spam && random.Next(3) == 0
            ? new[] { (Text: s.Text, s.Class), (Text: Disguise.Apply(s.Text, random), s.Class) }
            : [(Text: s.Text, s.Class)]).Select(e => (Features: Featurize(e.Text), e.Class)).ToArray();
        var counts = Enumerable.Range(0, Classes).Select(c => examples.Count(e => e.Class == c)).ToArray();
        var classWeight = counts.Select(n => (double)examples.Length / (Classes * Math.Max(1, n))).ToArray();
        var weights = new double[SpamFeatures.Size * Classes];
        var squares = new double[weights.Length];
        var bias = new double[Classes];
        var biasSquares = new double[Classes];
        Span<double> probabilities = stackalloc double[Classes];
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            random.Shuffle(examples);
            foreach (var (features, label) in examples)
            {
                var scale = features.Length == 0 ? 0 : 1 / Math.Sqrt(features.Length);
                Softmax(weights, bias, features, scale, probabilities);
                for (var c = 0; c < Classes; c++)
                {
                    var gradient = (probabilities[c] - (c == label ? 1 : 0)) * classWeight[label];
                    biasSquares[c] += gradient * gradient;
                    bias[c] -= Rate * gradient / Math.Sqrt(biasSquares[c] + 1e-8);
                    foreach (var f in features)
                    {
                        var i = (f * Classes) + c;
                        var g = (gradient * scale) + (L2 * weights[i]);
                        squares[i] += g * g;
                        weights[i] -= Rate * g / Math.Sqrt(squares[i] + 1e-8);
                    }
                }
            }
        }

        return new Analysis.Offline.SpamModel([.. weights.Select(w => (float)w)], [.. bias.Select(b => (float)b)], 0.5f, 0.5f);
    }

    public static int[] Featurize(string text)
    {
        var features = new List<int>();
        SpamFeatures.Extract(ChatNormalizer.Normalize(text), features);
        return [.. features];
    }

    private static void Softmax(double[] weights, double[] bias, int[] features, double scale, Span<double> probabilities)
    {
        var max = double.MinValue;
        for (var c = 0; c < Classes; c++)
        {
            var sum = 0.0;
            foreach (var f in features)
            {
                sum += weights[(f * Classes) + c];
            }

            probabilities[c] = bias[c] + (sum * scale);
            max = Math.Max(max, probabilities[c]);
        }

        var total = 0.0;
        for (var c = 0; c < Classes; c++)
        {
            probabilities[c] = Math.Exp(probabilities[c] - max);
            total += probabilities[c];
        }

        for (var c = 0; c < Classes; c++)
        {
            probabilities[c] /= total;
        }
    }
}
