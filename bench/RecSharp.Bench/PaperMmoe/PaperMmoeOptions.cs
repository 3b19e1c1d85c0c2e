using RecSharp.Catalog;

namespace RecSharp.Bench.PaperMmoe;

/// <summary>
/// The grid of the MMoE paper's synthetic experiment (Ma et al., KDD 2018, §3.2) and how each cell is trained; every
/// property has the default of a full run.
/// </summary>
internal sealed record PaperMmoeOptions
{
    /// <summary>Runs per model and correlation, each with its own data draw and initialisation.</summary>
    public int Repeats { get; init; } = 10;

    /// <summary>The task correlations p.</summary>
    public IReadOnlyList<double> Correlations { get; init; } = [1.0, 0.9, 0.5, 0.0];

    /// <summary>The models compared.</summary>
    public IReadOnlyList<ModelDefinition> Models { get; init; } =
        [.. new[] { "sharedbottom", "mmoe", "cgc", "ple" }.Select(ModelNames.Model)];

    /// <summary>The sine terms' α and β: false draws them from N(0, 1), true fixes α_j = j, β_j = (j−1)².</summary>
    public bool IndexAlpha { get; init; }

    /// <summary>Training rows per data set.</summary>
    public int TrainRows { get; init; } = 10_000;

    /// <summary>Test rows per data set, drawn from the same distribution.</summary>
    public int TestRows { get; init; } = 5_000;

    /// <summary>Training epochs, the same for every model.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Rows per training step.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 1e-2;

    /// <summary>The standard deviation of the weights' normal initialisation (the library's default).</summary>
    public double InitStd { get; init; } = 1e-4;

    /// <summary>
    /// The seed of the first repeat; repeat r uses <c>FirstSeed + r</c> for its data and every model's initialisation.
    /// </summary>
    public int FirstSeed { get; init; } = 1;

    /// <summary>libtorch intra-op threads.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Print the summary as one JSON line before the table.</summary>
    public bool Json { get; init; }

    /// <summary>Where to save the result: <c>&lt;stem&gt;.md</c>, <c>.json</c> and <c>.png</c>.</summary>
    public string? OutPath { get; init; }

    /// <summary>A quick run that only proves the command works: tiny data, one epoch, two repeats.</summary>
    public bool DryRun { get; init; }

    /// <summary>The same options shrunk for a dry run; options given on the command line still apply.</summary>
    public PaperMmoeOptions AsDryRun() =>
        this with { DryRun = true, Repeats = 2, TrainRows = 256, TestRows = 128, Epochs = 1, BatchSize = 64 };
}
