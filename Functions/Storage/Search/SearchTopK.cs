namespace Sift.Storage;

/// <summary>
/// The best <see cref="Capacity"/> of a stream of scored ids, in a min-heap of plain arrays
/// (nothing allocated per offer). Equal scores are ordered by id, higher first, as
/// <see cref="RankFusion"/>'s callers break ties, so a ranking does not depend on scan order.
/// </summary>
internal sealed class SearchTopK(int capacity)
{
    private readonly long[] ids = new long[capacity];
    private readonly double[] scores = new double[capacity];
    private int count;

    public int Capacity => capacity;

    public void Offer(long id, double score)
    {
        if (count < capacity)
        {
            ids[count] = id;
            scores[count] = score;
            Up(count++);
        }
        else if (capacity > 0 && Better(score, id, 0))
        {
            ids[0] = id;
            scores[0] = score;
            Down(0);
        }
    }

    /// <summary>Best first.</summary>
    public List<(long Id, double Score)> ToRanking()
    {
        var ranking = new List<(long Id, double Score)>(count);
        for (var i = 0; i < count; i++)
        {
            ranking.Add((ids[i], scores[i]));
        }

        ranking.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : b.Id.CompareTo(a.Id));
        return ranking;
    }

    private bool Better(double score, long id, int than) => score > scores[than] || score == scores[than] && id > ids[than];

    private void Up(int at)
    {
        while (at > 0 && Better(scores[(at - 1) / 2], ids[(at - 1) / 2], at))
        {
            Swap(at, (at - 1) / 2);
            at = (at - 1) / 2;
        }
    }

    private void Down(int at)
    {
        while (true)
        {
            var worst = at;
            foreach (var child in (ReadOnlySpan<int>)[2 * at + 1, 2 * at + 2])
            {
                if (child < count && Better(scores[worst], ids[worst], child))
                {
                    worst = child;
                }
            }

            if (worst == at)
            {
                return;
            }

            Swap(at, worst);
            at = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (ids[a], ids[b]) = (ids[b], ids[a]);
        (scores[a], scores[b]) = (scores[b], scores[a]);
    }
}
