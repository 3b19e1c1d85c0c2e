using System.Globalization;
using RecSharp.Cli.Tests.Support;
using RecSharp.Data.Configuration;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Persistence;

namespace RecSharp.Cli.Tests.Commands;

/// <summary><c>recsharp predict</c> keys every score by its input row and never writes over what it reads.</summary>
public sealed class PredictOutputTests : IDisposable
{
    private readonly CliWorkspace _workspace = new();

    private string TrainSmallRun()
    {
        string run = _workspace.PathOf("run");
        var (code, _, error) = CliWorkspace.Run(_workspace.Train(run, "--epochs", "1"));
        Assert.True(code == 0, error);
        return run;
    }

    [Fact]
    public void TheScoresMayNotReplaceTheDataNorAFileOfTheRun()
    {
        _workspace.WriteSmallData(60);
        string run = TrainSmallRun();
        var snapshot = FolderSnapshot.Take(_workspace.Folder);

        foreach (string target in new[] { _workspace.Data, Path.Combine(run, "model.safetensors"),
            Path.Combine(run, "experiment.yaml"), run })
        {
            var (code, _, error) = CliWorkspace.Run("predict", "--model", run, "--data", _workspace.Data, "--out",
                target);

            Assert.True(code == 2, $"--out {target}: exit {code}, {error}");
            CliWorkspace.AssertOneLineError(error);
        }
        snapshot.AssertUnchangedExcept();
    }

    [Fact]
    public void AnExistingFileIsReplacedOnlyWithOverwriteAndNeverTheDataItIsComputedFrom()
    {
        _workspace.WriteSmallData(60);
        string run = TrainSmallRun();
        string mine = Path.Combine(_workspace.Folder, "mine.csv");
        File.WriteAllText(mine, "a file of the user's\n");

        var refused = CliWorkspace.Run("predict", "--model", run, "--data", _workspace.Data, "--out", mine);
        Assert.Equal(2, refused.Code);
        Assert.Contains("exists; recsharp predict replaces a file only with --overwrite", refused.Err);
        CliWorkspace.AssertOneLineError(refused.Err);
        Assert.Equal("a file of the user's\n", File.ReadAllText(mine));

        var replaced = CliWorkspace.Run("predict", "--model", run, "--data", _workspace.Data, "--out", mine,
            "--overwrite");
        Assert.True(replaced.Code == 0, replaced.Err);
        Assert.StartsWith("line,", File.ReadAllText(mine));

        string data = File.ReadAllText(_workspace.Data);
        var onData = CliWorkspace.Run("predict", "--model", run, "--data", _workspace.Data, "--out",
            _workspace.Data, "--overwrite");
        Assert.Equal(2, onData.Code);
        Assert.Equal(data, File.ReadAllText(_workspace.Data));
    }

    [Fact]
    public void EachScoreCarriesItsInputLineAndSkippedRowsAreCountedAndListed()
    {
        _workspace.WriteSmallData(60);
        string run = TrainSmallRun();
        _workspace.WriteSmallData(60, badLine: "u1,i2,not-a-number,1,0.5");
        string scores = _workspace.PathOf("scores.csv");

        var (code, output, error) = CliWorkspace.Run("predict", "--model", run, "--data", _workspace.Data, "--out",
            scores, "--skip-bad-rows",
            "--chunk-rows", "7");

        Assert.True(code == 0, error);
        var lines = File.ReadAllLines(scores);
        Assert.Equal("line,click,spend", lines[0]);
        // 61 data lines (2 to 62), of which line 6 is bad.
        Assert.Equal(Enumerable.Range(2, 61).Where(l => l != 6),
            lines.Skip(1).Select(l => int.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains($"Skipped 1 bad row of {_workspace.Data} (line 6); first: ", output);
        Assert.Contains("Wrote 60 rows of scores", output);
    }

    [Fact]
    public void TheExperimentsIdColumnComesFirstInEveryRow()
    {
        const string header = "rid,user,item,price,click,spend";
        string Line(int i, Random r) => $"{(i == 3 ? "\"r,3\"" : $"r{i}")},u{r.Next(8)},i{r.Next(30)}," +
            $"{r.NextDouble() * 10:F3},{i % 2},{r.NextDouble():F3}";
        _workspace.WriteData(40, Line, config: c => c.Replace("header: true", "header: true\n  idColumn: rid"),
            header: header);
        string run = TrainSmallRun();
        string scores = _workspace.PathOf("scores.csv");

        var (code, output, error) = CliWorkspace.Run("predict", "--model", run, "--data", _workspace.Data, "--out",
            scores);

        Assert.True(code == 0, error);
        var lines = File.ReadAllLines(scores);
        Assert.Equal("rid,line,click,spend", lines[0]);
        Assert.StartsWith("r0,2,", lines[1]);
        Assert.StartsWith("\"r,3\",5,", lines[4]);
        Assert.StartsWith("r39,41,", lines[40]);
        Assert.Contains("keyed by its input line and rid", output);
    }

    [Fact]
    public void AFileWithoutHeaderIsScoredWithoutItsLabelColumns()
    {
        // No header: data.columns names user, item, price, click, spend; click and spend are labels only.
        const string columns = "header: false\n  columns: [user, item, price, click, spend]";
        _workspace.WriteSmallData(60, config: c => c.Replace("header: true", columns));
        var rows = File.ReadAllLines(_workspace.Data).Skip(1).ToArray();         // no header line in this file
        File.WriteAllLines(_workspace.Data, rows);
        string run = TrainSmallRun();
        string unlabelled = _workspace.PathOf("new.csv");
        File.WriteAllLines(unlabelled, rows.Select(l => string.Join(',', l.Split(',')[..3])));
        string withLabels = _workspace.PathOf("with-labels.csv"), without = _workspace.PathOf("without-labels.csv");

        var labelled = CliWorkspace.Run("predict", "--model", run, "--data", _workspace.Data, "--out", withLabels);
        var (code, output, error) = CliWorkspace.Run("predict", "--model", run, "--data", unlabelled, "--out", without);

        Assert.True(labelled.Code == 0, labelled.Err);
        Assert.True(code == 0, error);
        Assert.Contains("Wrote 60 rows of scores", output);
        Assert.Equal(File.ReadAllLines(withLabels), File.ReadAllLines(without));
    }

    [Fact]
    public void TheDataPackagesReadmeStepsScoreARunsRowsAsPredictDoes()
    {
        _workspace.WriteSmallData(60);
        string run = TrainSmallRun();
        string scores = _workspace.PathOf("scores.csv");
        Assert.Equal(0, CliWorkspace.Run("predict", "--model", run, "--data", _workspace.Data, "--out", scores).Code);

        // The steps of src/RecSharp.Data/README.md.
        var (model, preprocessing) = ModelArtifact.Load(Path.Combine(run, "model.safetensors"));
        using var loaded = model;
        var pipeline = FittedPipeline.FromJson(preprocessing!);
        var config = ExperimentConfigLoader.Load(Path.Combine(run, "experiment.yaml"));
        var rows = CsvTableReader.ForPrediction(config).Read(_workspace.Data);
        double[,] predicted = loaded.Predict(pipeline.Transform(rows).ToInputDictionary());

        var written = File.ReadLines(scores).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(written.Length, predicted.GetLength(0));
        for (int i = 0; i < written.Length; i++)
        {
            for (int t = 0; t < 2; t++)
                Assert.Equal(double.Parse(written[i][t + 1], CultureInfo.InvariantCulture), predicted[i, t]);
        }
    }

    public void Dispose() => _workspace.Dispose();
}
