using TorchSharp;

namespace RecSharp.Cli.Tests.Support;

/// <summary>A temporary folder with a small experiment and its data, and the <c>recsharp</c> command line run in
/// process.</summary>
public sealed class CliWorkspace : IDisposable
{
    /// <summary>Two tasks over a sparse, a hashed and a dense feature; a small MMOE trained for two epochs.</summary>
    public const string SmallConfig = """
        data:
          separator: ","
          header: true
        tasks:
          - { name: click, type: binary, label: click }
          - { name: spend, type: regression, label: spend }
        features:
          - { name: user, kind: sparse, embeddingDim: 3 }
          - { name: item, kind: hashed, buckets: 16 }
          - { name: price, kind: dense, scaler: minmax }
        model:
          type: mmoe
          numExperts: 2
          expertDnnHiddenUnits: [8]
          gateDnnHiddenUnits: []
          towerDnnHiddenUnits: [4]
        training:
          metrics: [auc, mse]
          batchSize: 16
          epochs: 2
          testSplit: 0.25
        """;

    /// <summary>The header of the small data file.</summary>
    public const string Header = "user,item,price,click,spend";

    /// <summary>The temporary folder, deleted on dispose.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("recsharp-cli-").FullName;

    /// <summary>The experiment file written by <see cref="WriteSmallData"/>.</summary>
    public string Config => Path.Combine(Folder, "experiment.yaml");

    /// <summary>The data file written by <see cref="WriteSmallData"/>.</summary>
    public string Data => Path.Combine(Folder, "data.csv");

    /// <summary>A path in the folder.</summary>
    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Runs a command line; returns its exit code, standard output and standard error.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args) => Run(new StringWriter(), args);

    /// <summary>
    /// Runs a command line writing its standard output to <paramref name="output"/>. A command sets libtorch's thread
    /// count for its process (<c>training.threads</c>); in this shared test process the count is put back afterwards,
    /// so that no later test runs on the threads an earlier command chose.
    /// </summary>
    public static (int Code, string Out, string Err) Run(StringWriter output, params string[] args)
    {
        var error = new StringWriter();
        int threads = torch.get_num_threads();
        try
        {
            int code = CliApplication.Run(args, output, error);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            torch.set_num_threads(threads);
        }
    }

    /// <summary>
    /// Writes <paramref name="rows"/> seeded random rows (with <paramref name="badLine"/> as line 6 when given) and the
    /// experiment file (<see cref="SmallConfig"/>, changed by <paramref name="config"/>); returns the data path.
    /// </summary>
    public string WriteSmallData(int rows, string? badLine = null, Func<string, string>? config = null) =>
        WriteData(rows, (i, r) => $"u{r.Next(8)},i{r.Next(30)},{r.NextDouble() * 10:F3},{i % 2},{r.NextDouble():F3}",
            badLine, config);

    /// <summary>Writes a data file of <paramref name="rows"/> lines made by <paramref name="line"/> under a header, and
    /// the experiment file.</summary>
    public string WriteData(int rows, Func<int, Random, string> line, string? badLine = null,
        Func<string, string>? config = null, string header = Header)
    {
        var random = new Random(3);
        var lines = Enumerable.Range(0, rows).Select(i => line(i, random)).Prepend(header).ToList();
        if (badLine is not null) lines.Insert(5, badLine);
        File.WriteAllLines(Data, lines);
        File.WriteAllText(Config, config is null ? SmallConfig : config(SmallConfig));
        return Data;
    }

    /// <summary>The arguments that train the small experiment into <paramref name="run"/>, quietly.</summary>
    public string[] Train(string run, params string[] more) =>
        ["train", "--config", Config, "--data", Data, "--out", run, "--quiet", .. more];

    /// <summary>Asserts that standard error is one line of the form <c>recsharp: …</c>, without a stack trace or an
    /// exception type.</summary>
    public static void AssertOneLineError(string error)
    {
        var lines = error.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, $"more than one line on standard error:\n{error}");
        Assert.StartsWith("recsharp: ", lines[0]);
        Assert.DoesNotContain("Exception", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("frame #", lines[0], StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
