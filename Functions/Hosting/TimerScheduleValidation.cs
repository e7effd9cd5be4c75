using Microsoft.Extensions.Options;

namespace Sift.Hosting;

/// <summary>
/// Checks every timer's schedule setting at start-up, so a bad schedule stops Sift with the setting's name.
/// Under the Functions host the schedule must be set: function.json names it as <c>%Setting%</c> and the
/// host cannot fall back to the catalog's default, so a missing setting would leave the timer unindexed.
/// </summary>
internal sealed class TimerScheduleValidation(IEnumerable<FunctionDefinition> catalog, IConfiguration configuration) : IValidateOptions<TriggerOptions>
{
    public ValidateOptionsResult Validate(string? name, TriggerOptions options)
    {
        var errors = new List<string>();
        foreach (var timer in catalog.Select(f => f.Trigger).OfType<TimerTrigger>())
        {
            var configured = configuration[timer.ScheduleSetting];
            if (string.IsNullOrEmpty(configured) && FunctionsHost.IsActive(configuration))
            {
                errors.Add($"{timer.ScheduleSetting} must be set under the Functions host (app setting {timer.ScheduleSetting.Replace(":", "__", StringComparison.Ordinal)}), "
                    + $"since function.json reads the schedule from it; the standalone default is '{timer.DefaultSchedule}'.");
            }
            else if (!CronSchedule.TryParse(timer.ScheduleSetting, string.IsNullOrEmpty(configured) ? timer.DefaultSchedule : configured, out _, out var error))
            {
                errors.Add(error);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
