using RecSharp.Bench;

return BenchApplication.Run(args, Console.Out, Console.Error);
