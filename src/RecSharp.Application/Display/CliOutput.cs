using Spectre.Console;

namespace RecSharp.Application.Display;

/// <summary>
/// Where a command writes: plain text always, and, when the output is an interactive terminal, a Spectre console over
/// it for the live progress bar and tables. Redirected output (files, pipes, tests, CI) stays plain, line by line.
/// </summary>
internal sealed class CliOutput
{
    /// <summary>Creates an output.</summary>
    /// <param name="writer">The plain text output.</param>
    /// <param name="terminal">The same output as an interactive Spectre console, or null for plain output only.</param>
    public CliOutput(TextWriter writer, IAnsiConsole? terminal = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Writer = writer;
        Terminal = terminal;
    }

    /// <summary>The plain text output.</summary>
    public TextWriter Writer { get; }

    /// <summary>The interactive terminal, or null when the output is redirected.</summary>
    public IAnsiConsole? Terminal { get; }

    /// <summary>Standard output, with the Spectre console when it is an interactive terminal that understands ANSI
    /// codes.</summary>
    public static CliOutput ForConsole()
    {
        bool interactive = !Console.IsOutputRedirected
            && AnsiConsole.Profile.Capabilities.Interactive
            && AnsiConsole.Profile.Capabilities.Ansi;
        return new CliOutput(Console.Out, interactive ? AnsiConsole.Console : null);
    }
}
