using System.Globalization;
using Sift.Hosting;

namespace Sift.Tests.Hosting;

public sealed class CronScheduleTests
{
    [Theory]
    // Every syntax element, six fields.
    [InlineData("* * * * * *", "2026-03-10T10:00:00Z", "2026-03-10T10:00:01Z")]
    [InlineData("30 15 10 * * *", "2026-03-10T09:00:00Z", "2026-03-10T10:15:30Z")]
    [InlineData("0 0 9-17 * * *", "2026-03-10T17:00:00Z", "2026-03-11T09:00:00Z")]
    [InlineData("0 0 7,18 * * *", "2026-03-10T08:00:00Z", "2026-03-10T18:00:00Z")]
    [InlineData("0 1-3,50 * * * *", "2026-03-10T10:03:00Z", "2026-03-10T10:50:00Z")]
    [InlineData("0 0 */2 * * *", "2026-03-10T10:00:00Z", "2026-03-10T12:00:00Z")]
    [InlineData("0 10-40/15 * * * *", "2026-03-10T10:25:00Z", "2026-03-10T10:40:00Z")]
    [InlineData("0 10-40/15 * * * *", "2026-03-10T10:41:00Z", "2026-03-10T11:10:00Z")]
    // Steps from an offset run from the offset to the field's max, then start over at the offset.
    [InlineData("0 7/20 * * * *", "2026-03-10T10:27:00Z", "2026-03-10T10:47:00Z")]
    [InlineData("0 7/20 * * * *", "2026-03-10T10:47:00Z", "2026-03-10T11:07:00Z")]
    [InlineData("2/5 * * * * *", "2026-03-10T10:00:57Z", "2026-03-10T10:01:02Z")]
    [InlineData("0 0 0 5/10 * *", "2026-03-25T00:00:00Z", "2026-04-05T00:00:00Z")]
    // Five fields: minute first, seconds are 0.
    [InlineData("*/15 * * * *", "2026-03-10T10:14:59Z", "2026-03-10T10:15:00Z")]
    [InlineData("30 9 * * *", "2026-03-10T09:30:00Z", "2026-03-11T09:30:00Z")]
    [InlineData("45 16 1 * Mon", "2003-01-01T12:00:00Z", "2003-09-01T16:45:00Z")]
    // Several spaces and tabs between fields.
    [InlineData("  0\t0   12 *  *\t* ", "2026-03-10T10:00:00Z", "2026-03-10T12:00:00Z")]
    // Month and day names (three letters), any case.
    [InlineData("0 0 0 1 JAN,jul *", "2026-02-01T00:00:00Z", "2026-07-01T00:00:00Z")]
    [InlineData("0 0 0 1 Mar-may *", "2026-05-01T00:00:00Z", "2027-03-01T00:00:00Z")]
    [InlineData("0 0 0 1 sep *", "2026-03-10T00:00:00Z", "2026-09-01T00:00:00Z")]
    [InlineData("0 30 9 * * MON-FRI", "2026-03-13T09:30:00Z", "2026-03-16T09:30:00Z")]
    [InlineData("0 30 9 * Jan Mon", "2026-01-27T00:00:00Z", "2027-01-04T09:30:00Z")]
    [InlineData("0 0 0 * * Sun", "2026-03-10T00:00:00Z", "2026-03-15T00:00:00Z")]
    // Day-of-week: 0 and 7 are both Sunday; a step over * covers 0-6.
    [InlineData("0 0 12 * * 0", "2026-03-09T00:00:00Z", "2026-03-15T12:00:00Z")]
    [InlineData("0 0 12 * * 7", "2026-03-09T00:00:00Z", "2026-03-15T12:00:00Z")]
    [InlineData("0 0 12 * * 5-7", "2026-03-14T12:00:00Z", "2026-03-15T12:00:00Z")]
    [InlineData("0 0 12 * * 6,7", "2026-03-15T12:00:00Z", "2026-03-21T12:00:00Z")]
    [InlineData("0 0 0 * * */2", "2026-03-10T00:00:00Z", "2026-03-12T00:00:00Z")]
    // Month ends skip months too short for the day.
    [InlineData("0 0 0 31 * *", "2026-01-31T00:00:00Z", "2026-03-31T00:00:00Z")]
    [InlineData("0 0 0 30,31 * *", "2026-01-31T00:00:00Z", "2026-03-30T00:00:00Z")]
    [InlineData("0 0 0 31 * *", "2026-04-15T00:00:00Z", "2026-05-31T00:00:00Z")]
    [InlineData("0 0 0 * * *", "2027-02-28T12:00:00Z", "2027-03-01T00:00:00Z")]
    // Leap years: Feb 29 only in leap years, and 2100 is not one.
    [InlineData("0 0 0 * * *", "2028-02-28T12:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("0 0 0 29 2 *", "2026-01-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("0 0 0 29 2 *", "2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z")]
    [InlineData("0 0 0 29 2 *", "2096-03-01T00:00:00Z", "2104-02-29T00:00:00Z")]
    // Year rollover.
    [InlineData("* * * * * *", "2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z")]
    [InlineData("0 0 0 1 1 *", "2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z")]
    [InlineData("0 0 6 * DEC *", "2026-12-31T06:00:00Z", "2027-12-01T06:00:00Z")]
    // Schedules are evaluated in UTC whatever the input's offset.
    [InlineData("0 0 9 * * *", "2026-03-10T10:30:00+02:00", "2026-03-10T09:00:00Z")]
    [InlineData("0 0 0 * * *", "2026-03-10T20:00:00-05:00", "2026-03-12T00:00:00Z")]
    [InlineData("0 0 0 * * TUE", "2026-03-10T23:30:00-01:00", "2026-03-17T00:00:00Z")]
    // Strictly after, at whole seconds: an occurrence equal to `after` (ignoring its fraction) does not count.
    [InlineData("0 0 * * * *", "2026-03-10T10:00:00Z", "2026-03-10T11:00:00Z")]
    [InlineData("0 0 * * * *", "2026-03-10T10:00:00.999Z", "2026-03-10T11:00:00Z")]
    [InlineData("0 0 * * * *", "2026-03-10T09:59:59.999Z", "2026-03-10T10:00:00Z")]
    [InlineData("* * * * * *", "2026-03-10T10:00:00.5Z", "2026-03-10T10:00:01Z")]
    // Day-of-month AND day-of-week (NCrontab's rule, which Cronos follows): both must match.
    [InlineData("0 0 0 13 * FRI", "2026-01-01T00:00:00Z", "2026-02-13T00:00:00Z")]
    [InlineData("0 0 0 13 * FRI", "2026-02-13T00:00:00Z", "2026-03-13T00:00:00Z")]
    [InlineData("0 0 0 13 * FRI", "2026-03-13T00:00:00Z", "2026-11-13T00:00:00Z")]
    [InlineData("0 0 0 29 2 MON", "2026-01-01T00:00:00Z", "2044-02-29T00:00:00Z")]
    [InlineData("0 0 0 29 2 MON", "2044-02-29T00:00:00Z", "2072-02-29T00:00:00Z")]
    public void NextAfterReturnsTheFirstLaterOccurrenceInUtc(string expression, string after, string expected)
    {
        var next = CronSchedule.Parse("Test:Schedule", expression).NextAfter(At(after));

        Assert.Equal(At(expected), next);
        Assert.Equal(TimeSpan.Zero, next!.Value.Offset);
    }

    [Fact]
    public void EveryFiveMinutesFiresOnTheFive()
    {
        var schedule = CronSchedule.Parse("Test:Schedule", "0 */5 * * * *");
        var occurrences = new List<DateTimeOffset>();
        var at = At("2026-03-10T18:52:13Z");
        for (var i = 0; i < 4; i++)
        {
            at = schedule.NextAfter(at)!.Value;
            occurrences.Add(at);
        }

        Assert.Equal(
            [At("2026-03-10T18:55:00Z"), At("2026-03-10T19:00:00Z"), At("2026-03-10T19:05:00Z"), At("2026-03-10T19:10:00Z")],
            occurrences);
    }

    [Theory]
    [InlineData("0 0 0 31 2 *")]
    [InlineData("0 0 0 30 2 *")]
    [InlineData("0 0 0 31 4,6,9,11 *")]
    [InlineData("0 0 0 30-31 FEB MON")]
    public void ImpossibleScheduleHasNoNextOccurrence(string expression)
    {
        var schedule = CronSchedule.Parse("Test:Schedule", expression);

        var next = schedule.NextAfter(At("2026-03-10T00:00:00Z"));

        Assert.Null(next);
    }

    [Theory]
    [InlineData("", "0 fields")]
    [InlineData("   ", "0 fields")]
    [InlineData("* * * *", "4 fields")]
    [InlineData("* * * * * * *", "7 fields")]
    [InlineData("60 * * * * *", "not a valid schedule")]
    [InlineData("60 * * * *", "not a valid schedule")]
    [InlineData("0 0 24 * * *", "not a valid schedule")]
    [InlineData("0 0 0 0 * *", "not a valid schedule")]
    [InlineData("0 0 0 32 * *", "not a valid schedule")]
    [InlineData("0 0 0 * 13 *", "not a valid schedule")]
    [InlineData("0 0 0 * * 8", "not a valid schedule")]
    [InlineData("*/0 * * * * *", "not a valid schedule")]
    [InlineData("0 1,,2 * * * *", "not a valid schedule")]
    [InlineData("0 abc * * * *", "not a valid schedule")]
    [InlineData("0 0 0 * FOO *", "not a valid schedule")]
    [InlineData("0 0 0 MON * *", "not a valid schedule")]
    public void MalformedExpressionThrowsFormatExceptionNamingTheSetting(string expression, string problem)
    {
        var error = Assert.Throws<FormatException>(() => CronSchedule.Parse("Ingestion:Schedule", expression));

        Assert.StartsWith("Ingestion:Schedule: ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{expression}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseReturnsFalseWithTheError()
    {
        Assert.False(CronSchedule.TryParse("Maintenance:Schedule", "0 61 * * * *", out var schedule, out var error));

        Assert.Null(schedule);
        Assert.StartsWith("Maintenance:Schedule: '0 61 * * * *' is not a valid schedule: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseRejectsNull()
    {
        Assert.False(CronSchedule.TryParse("Maintenance:Schedule", null, out var schedule, out var error));

        Assert.Null(schedule);
        Assert.Contains("0 fields", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseAcceptsAValidExpression()
    {
        Assert.True(CronSchedule.TryParse("Maintenance:Schedule", "0 30 9 * Jan Mon", out var schedule, out var error));

        Assert.Null(error);
        Assert.Equal("0 30 9 * Jan Mon", schedule.Expression);
        Assert.Equal("0 30 9 * Jan Mon", schedule.ToString());
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None);
}
