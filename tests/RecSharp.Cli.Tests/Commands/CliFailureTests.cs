using System.Text.Json.Nodes;
using RecSharp.Cli.Tests.Support;
using RecSharp.Persistence;
using RecSharp.Persistence.SafeTensors;

namespace RecSharp.Cli.Tests.Commands;

/// <summary>
/// The command line under bad input and faults: each family of failure ends with one line on standard error, an exit
/// code of 0, 1, 2, 130 or 143, and no file outside the run's own paths changed, added or removed.
/// </summary>
public sealed class CliFailureTests : IDisposable
{
    private static readonly int[] AllowedExitCodes = [0, 1, 2, 130, 143];

    private readonly CliWorkspace _workspace = new();

    private string Out => _workspace.PathOf("run");

    private string Scores => _workspace.PathOf("scores.csv");

    public static TheoryData<string> Families =>
    [
        "a folder as --config", "a folder without data files as --data", "a missing --data",
        "--data under a regular file", "malformed YAML",
        "a corrupt gzip file", "random bytes as the model", "malformed preprocessing in the model",
        "--model names a file",
        "scores into a missing folder", "a table too large to allocate", "out of memory", "an unknown option",
        "an idColumn outside data.columns", "a model setting the model refuses",
    ];

    [Theory]
    [MemberData(nameof(Families))]
    public void EachFailureIsOneLineWithItsExitCodeAndTouchesNothingElse(string family)
    {
        var (args, expectedCode, message, own) = Arrange(family);
        var snapshot = FolderSnapshot.Take(_workspace.Folder);

        var (code, _, error) = CliWorkspace.Run(args);

        Assert.Contains(code, AllowedExitCodes);
        Assert.True(code == expectedCode, $"exit {code}: {error}");
        CliWorkspace.AssertOneLineError(error);
        Assert.Contains(message, error);
        Assert.DoesNotContain("(Parameter '", error);                    // .NET's suffix never reaches the user
        snapshot.AssertUnchangedExcept(own);
    }

    [SkippableFact]
    public void AnUnreadableDataFileIsOneLineNamingIt()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "sets Unix file modes");
        Skip.If(Environment.IsPrivilegedProcess, "runs as root, for whom no file is unreadable");
        _workspace.WriteSmallData(40);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            File.SetUnixFileMode(_workspace.Data, UnixFileMode.None);
        var snapshot = FolderSnapshot.Take(_workspace.Folder);

        var (code, _, error) = CliWorkspace.Run(_workspace.Train(Out));

        Assert.Equal(1, code);
        CliWorkspace.AssertOneLineError(error);
        Assert.Contains(_workspace.Data, error);
        snapshot.AssertUnchangedExcept(Out, Out + ".checkpoint.safetensors");
    }

    private (string[] Args, int Code, string Message, string[] Own) Arrange(string family)
    {
        string[] trainOwn = [Out, Out + ".checkpoint.safetensors"];
        string data = _workspace.WriteSmallData(60);
        string folder = _workspace.PathOf("folder");
        Directory.CreateDirectory(folder);
        File.WriteAllText(_workspace.PathOf("notes.txt"), "the user's notes");
        switch (family)
        {
            case "a folder as --config":
                return (["train", "--config", folder, "--data", data, "--out", Out], 1,
                    $"--config names {folder}, which is a folder", trainOwn);
            case "a folder without data files as --data":
                return (["train", "--config", _workspace.Config, "--data", folder, "--out", Out], 1,
                    "the folder holds no data file", trainOwn);
            case "a missing --data":
                string missing = _workspace.PathOf("missing.csv");
                return (["train", "--config", _workspace.Config, "--data", missing, "--out", Out], 1,
                    $"{missing}, which does not exist", trainOwn);
            case "--data under a regular file":
                string under = Path.Combine(_workspace.PathOf("notes.txt"), "data.csv");
                return (["train", "--config", _workspace.Config, "--data", under, "--out", Out], 1, under, trainOwn);
            case "malformed YAML":
                File.WriteAllText(_workspace.Config, "data: [unclosed\n");
                return (_workspace.Train(Out), 1, "experiment.yaml", trainOwn);
            case "a corrupt gzip file":
                string gzip = _workspace.PathOf("data.csv.gz");
                File.WriteAllBytes(gzip,
                    [0x1f, 0x8b, .. Enumerable.Range(0, 4000).Select(i => (byte)(i * 7919 % 251))]);
                return (["train", "--config", _workspace.Config, "--data", gzip, "--out", Out], 1, "", trainOwn);
            case "random bytes as the model":
                string fake = _workspace.PathOf("fake");
                Directory.CreateDirectory(fake);
                File.WriteAllBytes(Path.Combine(fake, "model.safetensors"),
                    Enumerable.Range(0, 4000).Select(i => (byte)(i * 31 % 256)).ToArray());
                File.Copy(_workspace.Config, Path.Combine(fake, "experiment.yaml"));
                return (["predict", "--model", fake, "--data", data, "--out", Scores], 1, "model.safetensors",
                    [Scores]);
            case "malformed preprocessing in the model":
                string run = TrainedRun();
                string model = Path.Combine(run, "model.safetensors");
                var document = SafeTensorsFormat.Read(model);
                var metadata = document.Metadata.ToDictionary(kv => kv.Key, kv => kv.Value);
                metadata[ModelArtifact.PreprocessingKey] = "{\"features\": [";
                SafeTensorsFormat.Write(model, document.Entries, metadata);
                return (["predict", "--model", run, "--data", data, "--out", Scores], 1,
                    $"{model} holds malformed fitted preprocessing", [Scores]);
            case "a model setting the model refuses":
                string refused = Path.Combine(TrainedRun(), "model.safetensors");
                var saved = SafeTensorsFormat.Read(refused);
                var description = JsonNode.Parse(saved.Metadata[ModelArtifact.DescriptionKey])!.AsObject();
                description["options"]!["num_experts"] = 1;                          // an MMOE needs two
                SafeTensorsFormat.Write(refused, saved.Entries, new Dictionary<string, string>(saved.Metadata)
                {
                    [ModelArtifact.DescriptionKey] = description.ToJsonString(),
                });
                return (["predict", "--model", Path.GetDirectoryName(refused)!, "--data", data, "--out", Scores], 1,
                    $"{refused} holds a malformed model description: numExperts must be at least 2, got 1", [Scores]);
            case "--model names a file":
                string file = Path.Combine(TrainedRun(), "model.safetensors");
                return (["predict", "--model", file, "--data", data, "--out", Scores], 2,
                    "give the run folder that holds it", [Scores]);
            case "scores into a missing folder":
                string nowhere = Path.Combine(_workspace.PathOf("absent"), "scores.csv");
                return (["predict", "--model", TrainedRun(), "--data", data, "--out", nowhere], 1, "does not exist",
                    []);
            case "a table too large to allocate":
                // 10^6 buckets of 2·10^9 floats: more than any address space, refused before libtorch allocates
                // anything.
                File.WriteAllText(_workspace.Config,
                    CliWorkspace.SmallConfig.Replace("buckets: 16", "buckets: 1000000, embeddingDim: 2000000000"));
                return (_workspace.Train(Out), 1, "feature \"item\": an embedding table", trainOwn);
            case "out of memory":
                // 45 training rows × 10^8 sequence ids: more elements than a .NET array may hold.
                _workspace.WriteData(60, (i, r) =>
                    $"u{r.Next(8)},i{r.Next(30)},{r.NextDouble():F3},{i % 2},{r.NextDouble():F3},a|b",
                    config: c => c.Replace("features:\n",
                        "features:\n  - { name: tags, kind: sequence, delimiter: \"|\", maxLen: 100000000 }\n"),
                    header: CliWorkspace.Header + ",tags");
                return (_workspace.Train(Out), 1, "out of memory", trainOwn);
            case "an idColumn outside data.columns":
                File.WriteAllText(_workspace.Config, CliWorkspace.SmallConfig.Replace("header: true",
                    "header: false\n  columns: [user, item, price, click, spend]\n  idColumn: rid"));
                return (_workspace.Train(Out), 1, "'data.idColumn' names 'rid', which is not in 'data.columns'",
                    trainOwn);
            case "an unknown option":
                return (["train", "--outt", Out], 2, "unknown argument \"--outt\"", trainOwn);
            default:
                throw new ArgumentException($"no failure family named {family}", nameof(family));
        }
    }

    private string TrainedRun()
    {
        string run = _workspace.PathOf("trained");
        var (code, _, error) = CliWorkspace.Run(_workspace.Train(run, "--epochs", "1"));
        Assert.True(code == 0, error);
        return run;
    }

    public void Dispose() => _workspace.Dispose();
}
