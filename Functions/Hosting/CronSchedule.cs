using System.Diagnostics.CodeAnalysis;
using Cronos;

namespace Sift.Hosting;

/// <summary>
/// A timer schedule as Azure Functions timer triggers write it (NCRONTAB): 6 fields (second minute
/// hour day month day-of-week) or 5 (minute hour day month day-of-week; seconds = 0). Evaluated by
/// Cronos, in UTC.
/// </summary>
/// <remarks>
/// Day-of-month and day-of-week are combined with AND when both are restricted: <c>0 0 0 13 * FRI</c>
/// fires on Friday the 13th alone. NCrontab, which the Functions host evaluates schedules with, does
/// the same, and so does Cronos (unlike Vixie cron and POSIX, which OR the two fields), so the
/// standalone runner fires timers when the host would. Names are three letters (<c>MON</c>,
/// <c>JAN</c>), any case. Cronos also accepts <c>?</c>, <c>L</c>, <c>W</c> and <c>#</c>, which
/// NCrontab rejects; a schedule meant for Azure should not use them.
/// </remarks>
public sealed class CronSchedule
{
    private readonly CronExpression cron;

    private CronSchedule(string expression, CronExpression cron) => (Expression, this.cron) = (expression, cron);

    public string Expression { get; }

    /// <summary>Parses <paramref name="expression"/>, read from the setting <paramref name="setting"/>.</summary>
    /// <exception cref="FormatException">The message names the setting, quotes the expression and says what is wrong.</exception>
    public static CronSchedule Parse(string setting, string expression) =>
        TryParse(setting, expression, out var schedule, out var error) ? schedule : throw new FormatException(error);

    public static bool TryParse(string setting, string? expression, [NotNullWhen(true)] out CronSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        expression ??= "";
        var fields = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            error = $"{setting}: '{expression}' has {fields} fields, but a schedule needs 6 (second minute hour day month day-of-week) or 5 (minute hour day month day-of-week).";
            return false;
        }

        try
        {
            schedule = new CronSchedule(expression, CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard));
            error = null;
            return true;
        }
        catch (CronFormatException e)
        {
            error = $"{setting}: '{expression}' is not a valid schedule: {e.Message}";
            return false;
        }
    }

    /// <summary>
    /// The first occurrence strictly after <paramref name="after"/>, evaluated in UTC; the result has
    /// offset zero. Null when the schedule never fires (e.g. <c>0 0 0 30 2 *</c>).
    /// </summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) =>
        cron.GetNextOccurrence(after.ToUniversalTime(), TimeZoneInfo.Utc) is { } next ? next.ToUniversalTime() : null;

    public override string ToString() => Expression;
}
