using Microsoft.Extensions.Options;

namespace Sift.Hosting;

/// <summary>
/// Checks every timer's schedule setting at start-up (functions.metadata names it as <c>%Setting%</c>; appsettings.json
/// holds the defaults), so a bad or missing schedule stops Sift with the setting's name.
/// </summary>
internal sealed class TimerScheduleValidation(IReadOnlyList<FunctionEntry> catalog, IConfiguration configuration) : IValidateOptions<TriggerOptions>
{
    public ValidateOptionsResult Validate(string? name, TriggerOptions options)
    {
        var errors = new List<string>();
        foreach (var setting in catalog.Where(f => f.Trigger.Type == "timerTrigger").Select(f => f.Trigger.ScheduleSetting))
        {
            if (!CronSchedule.TryParse(setting, configuration[setting] ?? "", out _, out var error))
            {
                errors.Add(error);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
