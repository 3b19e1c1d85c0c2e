using System.Globalization;
using Spectre.Console;

namespace RecSharp.Bench.PaperMmoe;

/// <summary>
/// The grid's progress: a Spectre progress bar (runs done, elapsed and remaining time, the last run's losses) on an
/// interactive terminal, one line per trained model otherwise.
/// </summary>
internal static class PaperMmoeProgress
{
    /// <summary>
    /// Standard error as an interactive Spectre console, or null when it is redirected or cannot show a live bar.
    /// </summary>
    public static IAnsiConsole? StandardErrorTerminal()
    {
        if (Console.IsErrorRedirected) return null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi ? console : null;
    }

    /// <summary>
    /// Runs <paramref name="work"/>, which reports each of its <paramref name="total"/> runs to the callback it is
    /// given.
    /// </summary>
    public static T Run<T>(IAnsiConsole? terminal, TextWriter log, int total, Func<Action<PaperMmoeRun>, T> work)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(work);
        if (terminal is null)
        {
            int done = 0;
            return work(run => log.WriteLine($"[{++done}/{total}] {Describe(run)}"));
        }
        return terminal.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training the grid", maxValue: total);
                return work(run =>
                {
                    task.Increment(1);
                    task.Description = Markup.Escape(Describe(run));
                });
            });
    }

    private static string Describe(PaperMmoeRun run)
    {
        string losses = string.Join(" / ", run.TaskMse.Select(m => m.ToString("0.0000", CultureInfo.InvariantCulture)));
        string cell = string.Create(CultureInfo.InvariantCulture,
            $"{run.Model.Name} p = {run.Correlation:0.0##} seed {run.Seed}");
        return string.Create(CultureInfo.InvariantCulture, $"{cell}: test MSE {losses} ({run.Seconds:0.0} s)");
    }
}
