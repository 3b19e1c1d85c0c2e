using System.Diagnostics;
using System.Text.Json;
using RecSharp.Cli.Tests.Support;
using RecSharp.Persistence;
using RecSharp.Training.Checkpoints;

namespace RecSharp.Cli.Tests.Commands;

/// <summary><c>recsharp train</c> never deletes or overwrites what it did not write, and never loses a finished
/// training.</summary>
public sealed class TrainOutputSafetyTests : IDisposable
{
    private readonly CliWorkspace _workspace = new();

    public TrainOutputSafetyTests()
    {
        _workspace.WriteSmallData(60);
        File.WriteAllText(_workspace.PathOf("notes.txt"), "the user's notes");
    }

    private string Run(string name) => _workspace.PathOf(name);

    private static string Checkpoint(string run) => run + ".checkpoint.safetensors";

    // A staging folder's name as a run of process processId writes it for target.
    private static string Staging(string target, int processId) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{processId}-{Guid.NewGuid():N}.tmp");

    private static int ExitedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true"))!;
        process.WaitForExit();
        return process.Id;
    }

    [Fact]
    public void AnExistingFolderIsRefusedBeforeTrainingAndKeptEvenWithOverwrite()
    {
        string keep = Run("keep");
        Directory.CreateDirectory(keep);
        File.WriteAllText(Path.Combine(keep, "results.csv"), "precious");
        var snapshot = FolderSnapshot.Take(_workspace.Folder);

        var plain = CliWorkspace.Run(_workspace.Train(keep));
        var overwrite = CliWorkspace.Run(_workspace.Train(keep, "--overwrite"));

        Assert.Equal(2, plain.Code);
        Assert.Contains("already exists and is not empty", plain.Err);
        Assert.Equal(2, overwrite.Code);
        Assert.Contains("is not a run folder of recsharp train (it has no readable .recsharp-run marker)",
            overwrite.Err);
        CliWorkspace.AssertOneLineError(plain.Err);
        Assert.DoesNotContain("Training", plain.Out + overwrite.Out);
        snapshot.AssertUnchangedExcept();
    }

    [Fact]
    public void TheBuiltInExampleKeepsAnExistingFolderAndReplacesItsOwnRunWithOverwrite()
    {
        string keep = Run("keep");
        Directory.CreateDirectory(keep);
        File.WriteAllText(Path.Combine(keep, "results.csv"), "precious");
        string run = Run("example");
        Assert.Equal(0, CliWorkspace.Run("train", "--epochs", "1", "--quiet", "--out", run).Code);
        var snapshot = FolderSnapshot.Take(_workspace.Folder);

        var refused = CliWorkspace.Run("train", "--epochs", "1", "--quiet", "--out", keep, "--overwrite");
        var again = CliWorkspace.Run("train", "--epochs", "1", "--quiet", "--out", run);

        Assert.Equal(2, refused.Code);
        Assert.Contains("is not a run folder of recsharp train", refused.Err);
        Assert.Equal(2, again.Code);
        Assert.Contains("already exists and is not empty", again.Err);
        snapshot.AssertUnchangedExcept();
        var replaced = CliWorkspace.Run("train", "--epochs", "1", "--quiet", "--out", run, "--overwrite");
        Assert.True(replaced.Code == 0, replaced.Err);
        Assert.True(File.Exists(Path.Combine(run, "example.csv")));
    }

    [Theory]
    [InlineData(".", "the current folder")]
    [InlineData("{folder}", "holds the experiment file")]
    [InlineData("{folder}/data.csv", "is the data file itself")]
    [InlineData("{folder}/experiment.yaml", "is the experiment file itself")]
    [InlineData("{folder}/notes.txt", "is a file")]
    public void OutMayNotBeTheCurrentFolderNorAnInputNorAFile(string outPath, string message)
    {
        string target = outPath.Replace("{folder}", _workspace.Folder, StringComparison.Ordinal);
        var snapshot = FolderSnapshot.Take(_workspace.Folder);
        string before = Environment.CurrentDirectory;
        if (outPath == ".") Environment.CurrentDirectory = _workspace.Folder;
        try
        {
            var (code, output, error) = CliWorkspace.Run(_workspace.Train(target, "--overwrite"));

            Assert.Equal(2, code);
            Assert.Contains(message, error);
            CliWorkspace.AssertOneLineError(error);
            Assert.DoesNotContain("Training", output);
        }
        finally
        {
            Environment.CurrentDirectory = before;
        }
        snapshot.AssertUnchangedExcept();
    }

    [Fact]
    public void OutUnderARegularFileFailsBeforeTraining()
    {
        string target = Path.Combine(_workspace.PathOf("notes.txt"), "run");
        var snapshot = FolderSnapshot.Take(_workspace.Folder);

        var (code, output, error) = CliWorkspace.Run(_workspace.Train(target));

        Assert.Equal(1, code);
        Assert.Contains($"--out {target}: its folder {_workspace.PathOf("notes.txt")} cannot be created or written",
            error);
        CliWorkspace.AssertOneLineError(error);
        Assert.DoesNotContain("Training", output);
        snapshot.AssertUnchangedExcept();
    }

    [Fact]
    public void OverwriteReplacesAnEarlierRunFolderAndNothingElse()
    {
        string run = Run("run");
        Assert.Equal(0, CliWorkspace.Run(_workspace.Train(run, "--epochs", "1")).Code);
        var snapshot = FolderSnapshot.Take(_workspace.Folder);

        var again = CliWorkspace.Run(_workspace.Train(run));
        Assert.Equal(2, again.Code);
        snapshot.AssertUnchangedExcept();

        var (code, _, error) = CliWorkspace.Run(_workspace.Train(run, "--overwrite"));

        Assert.True(code == 0, error);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "report.json")));
        Assert.Equal(2, report.RootElement.GetProperty("history").GetProperty("loss").GetArrayLength());
        Assert.Equal(6, Directory.GetFiles(run).Length);
        snapshot.AssertUnchangedExcept(run);
    }

    [Fact]
    public void ARunRemovesTheStagingFoldersOfKilledRunsToItsTargetAndNothingElse()
    {
        string run = Run("run");
        int gone = ExitedProcessId();
        using var living = Process.Start(new ProcessStartInfo("sleep", "120"))!;
        string abandoned = Staging(run, gone);
        string alive = Staging(run, living.Id);
        string otherTarget = Staging(Run("other"), gone);
        string lookalike = _workspace.PathOf(".run.notes.tmp");
        foreach (string folder in new[] { abandoned, alive, otherTarget, lookalike })
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "model.safetensors"), "half written");
        }

        try
        {
            var (code, _, error) = CliWorkspace.Run(_workspace.Train(run, "--epochs", "1"));

            Assert.True(code == 0, error);
            Assert.False(Directory.Exists(abandoned));
            Assert.True(Directory.Exists(alive));
            Assert.True(Directory.Exists(otherTarget));
            Assert.True(Directory.Exists(lookalike));
        }
        finally
        {
            living.Kill();
        }
    }

    [Fact]
    public void OverwriteRefusesARunFolderHoldingAFileRecsharpDidNotWrite()
    {
        string run = Run("run");
        Assert.Equal(0, CliWorkspace.Run(_workspace.Train(run, "--epochs", "1")).Code);
        File.WriteAllText(Path.Combine(run, "analysis.txt"), "written by the user");
        var snapshot = FolderSnapshot.Take(_workspace.Folder);

        var (code, _, error) = CliWorkspace.Run(_workspace.Train(run, "--overwrite"));

        Assert.Equal(2, code);
        Assert.Contains("it holds analysis.txt, which recsharp did not write", error);
        snapshot.AssertUnchangedExcept();
    }

    [Fact]
    public void AFailureAfterTrainingKeepsTheCheckpointAndPrintsTheCommandThatResumesIt()
    {
        string run = Run("run");
        // Another process fills --out while the run trains: the run folder cannot go there once training is done.
        var output = new OnTextWriter("Epoch 1/", () =>
        {
            Directory.CreateDirectory(run);
            File.WriteAllText(Path.Combine(run, "mine.txt"), "not the run's");
        });
        string[] args = ["train", "--config", _workspace.Config, "--data", _workspace.Data, "--out", run, "--epochs",
            "1"];

        var (code, printed, error) = CliWorkspace.Run(output, args);

        Assert.Equal(1, code);
        Assert.Contains("was filled during the run", error);
        CliWorkspace.AssertOneLineError(error);
        Assert.Equal(["mine.txt"], Directory.GetFiles(run).Select(Path.GetFileName));
        Assert.True(TrainingCheckpoint.HasTrainingState(Checkpoint(run)));
        Assert.Contains($"to continue from it: recsharp train --config {_workspace.Config} --data {_workspace.Data} " +
            $"--out {run} --epochs 1 " +
                        $"--resume {Checkpoint(run)}", printed);
        Assert.Empty(Directory.GetDirectories(_workspace.Folder, ".*"));

        string other = Run("other");
        var resumed = CliWorkspace.Run(_workspace.Train(other, "--epochs", "1", "--resume", Checkpoint(run)));
        Assert.True(resumed.Code == 0, resumed.Err);
        Assert.True(File.Exists(Path.Combine(other, "model.safetensors")));
        Assert.True(File.Exists(Checkpoint(run)), "the checkpoint resumed from is kept");
    }

    [Fact]
    public void ARefusedResumeWritesNoCheckpointAndPointsAtNone()
    {
        string first = Run("first");
        Assert.Equal(0, CliWorkspace.Run(_workspace.Train(first, "--epochs", "1")).Code);
        string checkpoint = Path.Combine(first, "checkpoint.safetensors");
        File.WriteAllText(_workspace.Config, CliWorkspace.SmallConfig.Replace("batchSize: 16", "batchSize: 32"));
        var snapshot = FolderSnapshot.Take(_workspace.Folder);
        string second = Run("second");

        var (code, output, error) = CliWorkspace.Run(_workspace.Train(second, "--resume", checkpoint));

        Assert.Equal(1, code);
        CliWorkspace.AssertOneLineError(error);
        Assert.False(File.Exists(Checkpoint(second)));
        Assert.DoesNotContain("--resume", output);
        snapshot.AssertUnchangedExcept();
    }

    [Fact]
    public void TheCheckpointOfAStoppedRunIsNotWrittenOverUnasked()
    {
        string run = Run("run");
        File.WriteAllText(Checkpoint(run), "a checkpoint of a run that stopped");
        var snapshot = FolderSnapshot.Take(_workspace.Folder);

        var plain = CliWorkspace.Run(_workspace.Train(run));
        var overwrite = CliWorkspace.Run(_workspace.Train(run, "--overwrite"));

        Assert.Equal(2, plain.Code);
        Assert.Contains($"continue it with --resume {Checkpoint(run)}", plain.Err);
        Assert.Equal(2, overwrite.Code);
        Assert.Contains("is not a checkpoint of recsharp train", overwrite.Err);
        snapshot.AssertUnchangedExcept();
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>Standard output that runs an action once, when a text has been written to it.</summary>
    private sealed class OnTextWriter(string text, Action action) : StringWriter
    {
        private bool _done;

        public override void Write(char value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(char[] buffer, int index, int count)
        {
            base.Write(buffer, index, count);
            Check();
        }

        private void Check()
        {
            if (_done || !ToString().Contains(text, StringComparison.Ordinal)) return;
            _done = true;
            action();
        }
    }
}
