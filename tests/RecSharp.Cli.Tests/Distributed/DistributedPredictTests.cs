using System.Globalization;
using RecSharp.Cli.Commands;
using RecSharp.Cli.Tests.Support;
using RecSharp.Tests.Shared;

namespace RecSharp.Cli.Tests.Distributed;

/// <summary><c>mpirun -np 2 recsharp predict … --distributed mpi</c>: a part per rank, or one gathered file.</summary>
public sealed class DistributedPredictTests : IDisposable
{
    private readonly CliWorkspace _workspace = new();

    [SkippableFact]
    public void TwoRanksScoreEveryRowOnceInTheirPartsOrGatheredInTheInputsOrder()
    {
        MpiJob.Launcher();
        _workspace.WriteSmallData(150);
        string run = _workspace.PathOf("run");
        Assert.Equal(0, CliWorkspace.Run(_workspace.Train(run)).Code);
        string single = _workspace.PathOf("scores.csv");
        Assert.Equal(0, CliWorkspace.Run("predict", "--model", run, "--data", _workspace.Data, "--out", single).Code);
        var expected = Rows(single);

        string parts = _workspace.PathOf("parts.csv");
        var split = MpiJob.Run(2, MpiJob.Cli, "predict", "--model", run, "--data", _workspace.Data, "--out", parts,
            "--chunk-rows", "7", "--distributed", "mpi");
        Assert.True(split.Code == 0, split.Err);
        Assert.Contains("Wrote 150 rows of scores to 2 parts", split.Out);
        var part0 = Rows(PredictCommand.PartPath(parts, 0, 2));
        var part1 = Rows(PredictCommand.PartPath(parts, 1, 2));
        Assert.All(part0, row => Assert.Equal(0, (row.Line - 2) % 2));                          // data row i = line − 2
        Assert.All(part1, row => Assert.Equal(1, (row.Line - 2) % 2));
        AssertSameScores(expected, part0.Concat(part1).OrderBy(row => row.Line).ToList());

        string gathered = _workspace.PathOf("gathered.csv");
        var gather = MpiJob.Run(2, MpiJob.Cli, "predict", "--model", run, "--data", _workspace.Data, "--out", gathered,
            "--chunk-rows", "7", "--distributed", "mpi", "--gather");
        Assert.True(gather.Code == 0, gather.Err);
        AssertSameScores(expected, Rows(gathered));
        Assert.False(File.Exists(PredictCommand.PartPath(gathered, 0, 2)));
    }

    private static void AssertSameScores(List<(int Line, double[] Scores)> expected,
        List<(int Line, double[] Scores)> actual)
    {
        Assert.Equal(expected.Select(r => r.Line), actual.Select(r => r.Line));
        for (int i = 0; i < expected.Count; i++)
        {
            for (int t = 0; t < expected[i].Scores.Length; t++)
                Assert.Equal(expected[i].Scores[t], actual[i].Scores[t], 1e-6);
        }
    }

    // The rows of a scores file: the input line and each task's score.
    private static List<(int Line, double[] Scores)> Rows(string path) =>
        File.ReadAllLines(path).Skip(1).Select(line => line.Split(','))
            .Select(f => (int.Parse(f[0], CultureInfo.InvariantCulture),
                f.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()))
            .ToList();

    public void Dispose() => _workspace.Dispose();
}
