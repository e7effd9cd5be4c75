using System.Diagnostics.CodeAnalysis;

namespace Sift.Hosting;

/// <summary>
/// An NCRONTAB schedule as Azure Functions timer triggers read it, so the standalone runner fires
/// timers when the Functions host would. Times are UTC.
/// </summary>
/// <remarks>
/// Day-of-month and day-of-week are combined with AND: a day matches only when both fields match
/// it, so <c>0 0 0 13 * FRI</c> fires on Friday the 13th alone. This is what NCrontab, the library
/// the Functions host evaluates schedules with, does (its GetNextOccurrence finds a day matching the
/// day and month fields, then rejects it unless day-of-week matches too; its tests expect
/// <c>45 16 1 * Mon</c> from 2003-01-01 to give 2003-09-01, the next 1st that is a Monday). It
/// differs from Vixie cron and POSIX, which OR the two fields when both are restricted; matching
/// the host matters more here than matching Unix cron.
/// </remarks>
public sealed class CronSchedule
{
    // The rarest schedule that can fire at all is a leap day on one weekday (0 0 0 29 2 MON); such
    // days are up to 40 years apart (across 2100, which is not a leap year). Looking 50 years ahead
    // finds every occurrence that exists, and still ends an impossible schedule in microseconds.
    private const int HorizonYears = 50;

    private static readonly CronFieldKind[] Kinds =
        [CronFieldKind.Second, CronFieldKind.Minute, CronFieldKind.Hour, CronFieldKind.Day, CronFieldKind.Month, CronFieldKind.DayOfWeek];

    private readonly CronField seconds, minutes, hours, days, months, daysOfWeek;

    private CronSchedule(string expression, CronField[] fields)
    {
        Expression = expression;
        (seconds, minutes, hours, days, months, daysOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    }

    public string Expression { get; }

    /// <summary>
    /// Parses 6 fields (second minute hour day month day-of-week) or 5 fields (minute hour day month
    /// day-of-week; seconds = 0).
    /// </summary>
    /// <exception cref="FormatException">The message quotes the expression and names the bad field and why.</exception>
    public static CronSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return TryParse(expression, out var schedule, out var error) ? schedule : throw new FormatException(error);
    }

    public static bool TryParse(string? expression, [NotNullWhen(true)] out CronSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        expression ??= "";
        var parts = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (5 or 6))
        {
            error = $"Invalid cron expression '{expression}': it has {parts.Length} fields, but needs 6 (second minute hour day month day-of-week) or 5 (minute hour day month day-of-week).";
            return false;
        }

        // Five fields leave out the seconds, which then are 0.
        var texts = parts.Length == 6 ? parts : ["0", .. parts];
        var fields = new CronField[6];
        for (var i = 0; i < fields.Length; i++)
        {
            if (!CronField.TryParse(texts[i], Kinds[i], out fields[i], out var why))
            {
                error = $"Invalid cron expression '{expression}': the {Kinds[i].Name} field '{texts[i]}' {why}.";
                return false;
            }
        }

        schedule = new CronSchedule(expression, fields);
        error = null;
        return true;
    }

    /// <summary>
    /// The first occurrence strictly after <paramref name="after"/> (its fraction of a second
    /// dropped), evaluated in UTC; the result has offset zero. Null when the schedule never fires
    /// (e.g. <c>0 0 0 30 2 *</c>).
    /// </summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        var utc = after.UtcDateTime;
        var whole = utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
        if (whole > DateTime.MaxValue.AddSeconds(-1))
        {
            return null;
        }

        var start = whole.AddSeconds(1);
        var lastYear = Math.Min(start.Year + HorizonYears, DateTime.MaxValue.Year);
        var (year, month, day, hour, minute, second) = (start.Year, start.Month, start.Day, start.Hour, start.Minute, start.Second);

        // Each step accepts a field or moves it to its next allowed value, resetting the fields below;
        // moving past a field's end carries into the next larger field, and the loop checks that again.
        while (year <= lastYear)
        {
            var nextMonth = months.NextFrom(month);
            if (nextMonth != month)
            {
                (year, month) = nextMonth < 0 ? (year + 1, months.NextFrom(1)) : (year, nextMonth);
                (day, hour, minute, second) = (1, 0, 0, 0);
                continue;
            }

            var nextDay = days.NextFrom(day);
            if (nextDay < 0 || nextDay > DateTime.DaysInMonth(year, month))
            {
                (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1);
                (day, hour, minute, second) = (1, 0, 0, 0);
                continue;
            }

            if (nextDay != day)
            {
                (day, hour, minute, second) = (nextDay, 0, 0, 0);
            }

            var nextHour = hours.NextFrom(hour);
            if (nextHour < 0 || !daysOfWeek.Contains((int)new DateTime(year, month, day).DayOfWeek))
            {
                (day, hour, minute, second) = (day + 1, 0, 0, 0);
                continue;
            }

            if (nextHour != hour)
            {
                (hour, minute, second) = (nextHour, 0, 0);
            }

            var nextMinute = minutes.NextFrom(minute);
            if (nextMinute < 0)
            {
                (hour, minute, second) = (hour + 1, 0, 0);
                continue;
            }

            if (nextMinute != minute)
            {
                (minute, second) = (nextMinute, 0);
            }

            var nextSecond = seconds.NextFrom(second);
            if (nextSecond < 0)
            {
                (minute, second) = (minute + 1, 0);
                continue;
            }

            return new DateTimeOffset(year, month, day, hour, minute, nextSecond, TimeSpan.Zero);
        }

        return null;
    }

    public override string ToString() => Expression;
}
