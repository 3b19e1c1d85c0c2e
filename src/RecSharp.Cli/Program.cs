using RecSharp.Cli;
using RecSharp.Cli.Display;

return CliApplication.Run(args, CliOutput.ForConsole(), Console.Error);
