using System.Globalization;
using System.Text.RegularExpressions;

namespace Sift.Analysis.Offline;

/// <summary>
/// Due dates as people write them (today, tomorrow, weekday names, "end of week", ISO and
/// dd.MM.yyyy dates), resolved against the UTC day of the message that says them. A weekday means
/// its next occurrence after that day: "by Friday" said on a Friday is a week later.
/// </summary>
public static partial class DueDates
{
    private static readonly Dictionary<string, int> DayOffsets = new(StringComparer.Ordinal)
    {
        ["today"] = 0, ["tonight"] = 0, ["eod"] = 0, ["сегодня"] = 0, ["сьогодні"] = 0, ["heute"] = 0, ["hoy"] = 0,
        ["tomorrow"] = 1, ["tmrw"] = 1, ["завтра"] = 1, ["morgen"] = 1, ["mañana"] = 1,
        ["послезавтра"] = 2, ["післязавтра"] = 2, ["übermorgen"] = 2,
    };

    private static readonly (string Phrase, int Offset)[] PhraseOffsets =
        [("day after tomorrow", 2), ("pasado mañana", 2)];

    private static readonly string[] EndOfWeek = ["end of week", "end of the week", "eow", "конца недели", "конца неделе", "кінця тижня", "ende der woche", "fin de semana"];

    private static readonly Dictionary<string, DayOfWeek> Weekdays = Build(
        (DayOfWeek.Monday, "monday понедельник понедельника понедельнику понеділок понеділка montag lunes"),
        (DayOfWeek.Tuesday, "tuesday вторник вторника вторнику вівторок вівторка dienstag martes"),
        (DayOfWeek.Wednesday, "wednesday среда среду среды среде середа середу середи mittwoch miércoles miercoles"),
        (DayOfWeek.Thursday, "thursday четверг четверга четвергу четвер donnerstag jueves"),
        (DayOfWeek.Friday, "friday пятница пятницу пятницы пятнице п'ятниця п'ятницю п'ятниці freitag viernes"),
        (DayOfWeek.Saturday, "saturday суббота субботу субботы субботе субота суботу суботи samstag sonnabend sábado sabado"),
        (DayOfWeek.Sunday, "sunday воскресенье воскресенья воскресенью неділя неділю неділі sonntag domingo"));

    /// <summary>The first due date <paramref name="sentence"/> names, or null.</summary>
    public static DateOnly? Find(string sentence, DateTimeOffset said)
    {
        var day = DateOnly.FromDateTime(said.UtcDateTime);
        if (IsoDate().Match(sentence) is { Success: true } iso &&
            DateOnly.TryParseExact(iso.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var isoDate))
        {
            return isoDate;
        }

        if (DottedDate().Match(sentence) is { Success: true } dotted &&
            DateOnly.TryParseExact(dotted.Value, ["d.M.yyyy", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var dottedDate))
        {
            return dottedDate;
        }

        var words = TextTokens.Words(sentence).Select(w => w.Replace('’', '\'')).ToList();
        var joined = $" {string.Join(' ', words)} ";
        foreach (var (phrase, offset) in PhraseOffsets)
        {
            if (joined.Contains($" {phrase} ", StringComparison.Ordinal))
            {
                return day.AddDays(offset);
            }
        }

        if (EndOfWeek.Any(phrase => joined.Contains($" {phrase} ", StringComparison.Ordinal)))
        {
            return Next(day, DayOfWeek.Friday, allowToday: true);
        }

        foreach (var word in words)
        {
            if (DayOffsets.TryGetValue(word, out var offset))
            {
                return day.AddDays(offset);
            }

            if (Weekdays.TryGetValue(word, out var weekday))
            {
                return Next(day, weekday, allowToday: false);
            }
        }

        return null;
    }

    private static DateOnly Next(DateOnly day, DayOfWeek weekday, bool allowToday)
    {
        var ahead = ((int)weekday - (int)day.DayOfWeek + 7) % 7;
        return day.AddDays(ahead == 0 && !allowToday ? 7 : ahead);
    }

    private static Dictionary<string, DayOfWeek> Build(params (DayOfWeek Day, string Forms)[] days) =>
        days.SelectMany(d => d.Forms.Split(' ').Select(form => (form, d.Day))).ToDictionary(p => p.form, p => p.Day, StringComparer.Ordinal);

    [GeneratedRegex(@"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{4}(?!\d)")]
    private static partial Regex DottedDate();
}
