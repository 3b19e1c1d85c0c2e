using RecSharp.Bench;
using RecSharp.Bench.PaperMmoe;

return BenchApplication.Run(args, Console.Out, Console.Error, PaperMmoeProgress.StandardErrorTerminal());
