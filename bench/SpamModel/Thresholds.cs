using static Sift.Analysis.Offline.SpamModel;

namespace Sift.Bench.SpamModel;

/// <summary>
/// The model's thresholds, chosen on the validation split (never the held-out one): spam from the
/// lowest probability at which validation spam precision is at least 0.99 and at most 0.5 % of ham
/// is called spam; noise from the lowest at which noise precision is at least 0.95.
/// </summary>
public static class Thresholds
{
    public static Analysis.Offline.SpamModel Choose(Analysis.Offline.SpamModel model, IReadOnlyList<Sample> validation)
    {
        var scored = validation.Select(s => (s.Class, P: Probabilities(model, s.Text))).ToList();
        var spam = Lowest(t =>
        {
            var called = scored.Where(s => s.P[Spam] >= t).ToList();
            var hamCalled = scored.Count(s => s.Class == Ham && s.P[Spam] >= t);
            return Precision(called.Count(s => s.Class == Spam), called.Count) >= 0.99 && hamCalled <= 0.005 * scored.Count(s => s.Class == Ham);
        });
        var noise = Lowest(t =>
        {
            var called = scored.Where(s => s.P[Noise] >= t).ToList();
            return Precision(called.Count(s => s.Class == Noise), called.Count) >= 0.95;
        });
        return new Analysis.Offline.SpamModel(model.Weights, model.Bias, spam, noise);
    }

    public static double[] Probabilities(Analysis.Offline.SpamModel model, string text)
    {
        var probabilities = new double[Classes];
        model.Probabilities([.. Trainer.Featurize(text)], probabilities);
        return probabilities;
    }

    private static float Lowest(Func<float, bool> good) =>
        Enumerable.Range(50, 50).Select(p => p / 100f).FirstOrDefault(good, 0.99f);

    private static double Precision(int right, int called) => called == 0 ? 1 : (double)right / called;
}
