using Microsoft.Extensions.Options;

namespace Sift.Hosting;

/// <summary>Checks every timer's schedule setting at start-up, so a bad schedule stops Sift with the setting's name.</summary>
internal sealed class TimerScheduleValidation(IEnumerable<FunctionDefinition> catalog, IConfiguration configuration) : IValidateOptions<TriggerOptions>
{
    public ValidateOptionsResult Validate(string? name, TriggerOptions options)
    {
        var errors = new List<string>();
        foreach (var timer in catalog.Select(f => f.Trigger).OfType<TimerTrigger>())
        {
            var expression = configuration[timer.ScheduleSetting] is { Length: > 0 } configured ? configured : timer.DefaultSchedule;
            if (!CronSchedule.TryParse(timer.ScheduleSetting, expression, out _, out var error))
            {
                errors.Add(error);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
