using RecSharp.Application.CommandLine;
using RecSharp.Application.Display;
using RecSharp.Cli;


// A failure on another thread ends the process with one line and exit code 1 too, not with an abort (134).
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    Console.Error.WriteLine(
        $"recsharp: {(e.ExceptionObject is Exception error ? FailureMessage.Of(error) : "failed")}");
    Environment.Exit(1);
};
return CliApplication.Run(args, CliOutput.ForConsole(), Console.Error);

/// <summary>The entry point; internal like every type of the command line.</summary>
internal sealed partial class Program;
