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
    // Month and day names, any case, abbreviated or in full.
    [InlineData("0 0 0 1 JAN,jul *", "2026-02-01T00:00:00Z", "2026-07-01T00:00:00Z")]
    [InlineData("0 0 0 1 Mar-may *", "2026-05-01T00:00:00Z", "2027-03-01T00:00:00Z")]
    [InlineData("0 0 0 1 september *", "2026-03-10T00:00:00Z", "2026-09-01T00:00:00Z")]
    [InlineData("0 30 9 * * MON-FRI", "2026-03-13T09:30:00Z", "2026-03-16T09:30:00Z")]
    [InlineData("0 30 9 * Jan Mon", "2026-01-27T00:00:00Z", "2027-01-04T09:30:00Z")]
    [InlineData("0 0 0 * * sunday", "2026-03-10T00:00:00Z", "2026-03-15T00:00:00Z")]
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
    // Day-of-month AND day-of-week (NCrontab's rule): both must match.
    [InlineData("0 0 0 13 * FRI", "2026-01-01T00:00:00Z", "2026-02-13T00:00:00Z")]
    [InlineData("0 0 0 13 * FRI", "2026-02-13T00:00:00Z", "2026-03-13T00:00:00Z")]
    [InlineData("0 0 0 13 * FRI", "2026-03-13T00:00:00Z", "2026-11-13T00:00:00Z")]
    [InlineData("0 0 0 29 2 MON", "2026-01-01T00:00:00Z", "2044-02-29T00:00:00Z")]
    [InlineData("0 0 0 29 2 MON", "2044-02-29T00:00:00Z", "2072-02-29T00:00:00Z")]
    public void NextAfterReturnsTheFirstLaterOccurrenceInUtc(string expression, string after, string expected)
    {
        var next = CronSchedule.Parse(expression).NextAfter(At(after));

        Assert.Equal(At(expected), next);
        Assert.Equal(TimeSpan.Zero, next!.Value.Offset);
    }

    [Fact]
    public void EveryFiveMinutesFiresOnTheFive()
    {
        var schedule = CronSchedule.Parse("0 */5 * * * *");
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

    // Independent predicates for a second-by-second scan, to check the field-by-field search against.
    private static readonly Dictionary<string, Func<DateTime, bool>> Oracles = new()
    {
        ["*/7 */13 * * * *"] = t => t.Second % 7 == 0 && t.Minute % 13 == 0,
        ["5-10,50 0/20 1-3,22 * * *"] = t => (t.Second is >= 5 and <= 10 or 50) && t.Minute % 20 == 0 && t.Hour is 1 or 2 or 3 or 22,
        ["0 */5 * 28-31 * *"] = t => t.Second == 0 && t.Minute % 5 == 0 && t.Day >= 28,
        ["15 45 * * * MON,WED-FRI"] = t => t.Second == 15 && t.Minute == 45 && t.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Wednesday or DayOfWeek.Thursday or DayOfWeek.Friday,
        ["30 * 23,0 1 * 2/2"] = t => t.Second == 30 && t.Hour is 23 or 0 && t.Day == 1 && t.DayOfWeek is DayOfWeek.Tuesday or DayOfWeek.Thursday or DayOfWeek.Saturday,
        ["*/20 59 23 * 1,3,12 *"] = t => t.Second % 20 == 0 && t.Minute == 59 && t.Hour == 23 && t.Month is 1 or 3 or 12,
    };

    [Theory]
    [InlineData("*/7 */13 * * * *", "2028-02-28T20:00:00Z")]
    [InlineData("5-10,50 0/20 1-3,22 * * *", "2028-02-28T20:00:00Z")]
    [InlineData("0 */5 * 28-31 * *", "2028-02-27T12:00:00Z")]
    [InlineData("0 */5 * 28-31 * *", "2026-04-29T12:00:00Z")]
    [InlineData("15 45 * * * MON,WED-FRI", "2026-12-29T00:00:00Z")]
    [InlineData("30 * 23,0 1 * 2/2", "2026-11-30T12:00:00Z")]
    [InlineData("*/20 59 23 * 1,3,12 *", "2026-12-30T00:00:00Z")]
    [InlineData("*/20 59 23 * 1,3,12 *", "2027-02-27T00:00:00Z")]
    public void NextAfterAgreesWithASecondBySecondScan(string expression, string from)
    {
        var schedule = CronSchedule.Parse(expression);
        var start = At(from);
        var end = start.AddDays(4);

        var expected = new List<DateTimeOffset>();
        for (var t = start.AddSeconds(1); t < end; t = t.AddSeconds(1))
        {
            if (Oracles[expression](t.UtcDateTime))
            {
                expected.Add(t);
            }
        }

        var actual = new List<DateTimeOffset>();
        for (var t = schedule.NextAfter(start); t < end; t = schedule.NextAfter(t.Value))
        {
            actual.Add(t!.Value);
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("0 0 0 31 2 *")]
    [InlineData("0 0 0 30 2 *")]
    [InlineData("0 0 0 31 4,6,9,11 *")]
    [InlineData("0 0 0 30-31 FEB MON")]
    public void ImpossibleScheduleHasNoNextOccurrence(string expression)
    {
        var schedule = CronSchedule.Parse(expression);

        var next = schedule.NextAfter(At("2026-03-10T00:00:00Z"));

        Assert.Null(next);
    }

    [Fact]
    public void NoOccurrenceAfterTheLastRepresentableSecond()
    {
        Assert.Null(CronSchedule.Parse("* * * * * *").NextAfter(DateTimeOffset.MaxValue));
        Assert.Equal(DateTimeOffset.MaxValue.AddTicks(-TimeSpan.TicksPerSecond + 1),
            CronSchedule.Parse("* * * * * *").NextAfter(DateTimeOffset.MaxValue.AddSeconds(-1.5)));
    }

    [Theory]
    [InlineData("", "0 fields")]
    [InlineData("   ", "0 fields")]
    [InlineData("* * * *", "4 fields")]
    [InlineData("* * * * * * *", "7 fields")]
    [InlineData("60 * * * * *", "the second field '60' has the value 60, outside the range 0-59")]
    [InlineData("60 * * * *", "the minute field '60' has the value 60, outside the range 0-59")]
    [InlineData("0 0 24 * * *", "the hour field '24' has the value 24, outside the range 0-23")]
    [InlineData("0 0 0 0 * *", "the day field '0' has the value 0, outside the range 1-31")]
    [InlineData("0 0 0 32 * *", "the day field '32' has the value 32, outside the range 1-31")]
    [InlineData("0 0 0 * 0 *", "the month field '0' has the value 0, outside the range 1-12")]
    [InlineData("0 0 0 * 13 *", "the month field '13' has the value 13, outside the range 1-12")]
    [InlineData("0 0 0 * * 8", "the day-of-week field '8' has the value 8, outside the range 0-7")]
    [InlineData("0 99999999999 * * * *", "the minute field '99999999999' has the value 99999999999, outside the range 0-59")]
    [InlineData("0 0 5-3 * * *", "the hour field '5-3' has the range 5-3 whose start is after its end")]
    [InlineData("0 0 0 * * FRI-MON", "the day-of-week field 'FRI-MON' has the range FRI-MON whose start is after its end")]
    [InlineData("*/0 * * * * *", "the second field '*/0' has a step of 0")]
    [InlineData("0 0 0 * JAN-DEC/0 *", "the month field 'JAN-DEC/0' has a step of 0")]
    [InlineData("0 */x * * * *", "the minute field '*/x' has the step 'x', which is not a whole number")]
    [InlineData("0 */-2 * * * *", "the minute field '*/-2' has the step '-2', which is not a whole number")]
    [InlineData("0 1,,2 * * * *", "the minute field '1,,2' has an empty list item")]
    [InlineData("0 1, * * * *", "the minute field '1,' has an empty list item")]
    [InlineData("0 ,1 * * * *", "the minute field ',1' has an empty list item")]
    [InlineData("0 5- * * * *", "the minute field '5-' is missing a number or name")]
    [InlineData("0 -5 * * * *", "the minute field '-5' is missing a number or name")]
    [InlineData("0 /5 * * * *", "the minute field '/5' is missing a number or name")]
    [InlineData("0 abc * * * *", "the minute field 'abc' has 'abc', which is not a number")]
    [InlineData("0 1.5 * * * *", "the minute field '1.5' has '1.5', which is not a number")]
    [InlineData("0 ? * * * *", "the minute field '?' has '?', which is not a number")]
    [InlineData("0 1-2-3 * * * *", "the minute field '1-2-3' has '2-3', which is not a number")]
    [InlineData("0 0 0 * FOO *", "the month field 'FOO' has 'FOO', which is neither a number nor a month name")]
    [InlineData("0 0 0 * * XYZ", "the day-of-week field 'XYZ' has 'XYZ', which is neither a number nor a day-of-week name")]
    [InlineData("0 0 0 * * MO", "the day-of-week field 'MO' has 'MO', which is neither a number nor a day-of-week name")]
    [InlineData("0 0 0 MON * *", "the day field 'MON' has 'MON', which is not a number")]
    public void MalformedExpressionThrowsFormatExceptionNamingTheProblem(string expression, string problem)
    {
        var error = Assert.Throws<FormatException>(() => CronSchedule.Parse(expression));

        Assert.Contains($"'{expression}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseReturnsFalseWithTheError()
    {
        Assert.False(CronSchedule.TryParse("0 61 * * * *", out var schedule, out var error));

        Assert.Null(schedule);
        Assert.Equal("Invalid cron expression '0 61 * * * *': the minute field '61' has the value 61, outside the range 0-59.", error);
    }

    [Fact]
    public void TryParseRejectsNull()
    {
        Assert.False(CronSchedule.TryParse(null, out var schedule, out var error));

        Assert.Null(schedule);
        Assert.Contains("0 fields", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseAcceptsAValidExpression()
    {
        Assert.True(CronSchedule.TryParse("0 30 9 * Jan Mon", out var schedule, out var error));

        Assert.Null(error);
        Assert.Equal("0 30 9 * Jan Mon", schedule.Expression);
        Assert.Equal("0 30 9 * Jan Mon", schedule.ToString());
    }

    [Fact]
    public void ParseRejectsNull() =>
        Assert.Throws<ArgumentNullException>(() => CronSchedule.Parse(null!));

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None);
}
