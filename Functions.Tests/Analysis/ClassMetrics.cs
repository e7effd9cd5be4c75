using System.Globalization;
using System.Text;

namespace Sift.Tests.Analysis;

/// <summary>Precision, recall and accuracy of predictions against labels, and a table of them to read in the test output.</summary>
internal sealed class ClassMetrics<T>(IReadOnlyList<(T Expected, T Predicted)> pairs) where T : notnull
{
    public int Count => pairs.Count;

    public double Accuracy => pairs.Count == 0 ? 0 : (double)pairs.Count(p => Equals(p.Expected, p.Predicted)) / pairs.Count;

    public double Precision(T label) => Ratio(pairs.Count(p => Equals(p.Predicted, label) && Equals(p.Expected, label)), pairs.Count(p => Equals(p.Predicted, label)));

    public double Recall(T label) => Ratio(pairs.Count(p => Equals(p.Predicted, label) && Equals(p.Expected, label)), pairs.Count(p => Equals(p.Expected, label)));

    public int Support(T label) => pairs.Count(p => Equals(p.Expected, label));

    public string Table(IEnumerable<T> labels)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"label",-16}{"precision",10}{"recall",10}{"support",9}");
        foreach (var label in labels)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"{label,-16}{Precision(label),10:0.00}{Recall(label),10:0.00}{Support(label),9}");
        }

        table.AppendLine(CultureInfo.InvariantCulture, $"{"accuracy",-16}{Accuracy,20:0.00}{Count,9}");
        return table.ToString();
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
}
