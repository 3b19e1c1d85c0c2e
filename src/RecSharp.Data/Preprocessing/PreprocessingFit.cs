using RecSharp.Data.Configuration;
using RecSharp.Data.Preprocessing.Fitting;
using RecSharp.Data.Reading;

namespace RecSharp.Data.Preprocessing;

/// <summary>
/// Fits an experiment's preprocessing in one streaming pass over its training rows, chunk by chunk, in memory that
/// does not grow with the rows: vocabularies count values (bounded by <c>maxSize</c>), scalers keep running
/// statistics, binary tasks look for a positive label. Hashed features and unscaled numbers need no pass
/// (<see cref="NeedsRows"/>). One chunk holding all the training rows gives exactly
/// <see cref="FittedPipeline.Fit(ExperimentConfig, RawTable)"/>.
/// </summary>
public sealed class PreprocessingFit
{
    private readonly FeatureAccumulator[] features;
    private readonly FittedTask[] tasks;
    private readonly PositiveLabelCheck[] checks;
    private string? dataName;

    /// <summary>Starts a fit.</summary>
    /// <param name="config">The experiment.</param>
    /// <param name="dataName">The training data's name for messages; by default the first chunk's file.</param>
    public PreprocessingFit(ExperimentConfig config, string? dataName = null)
    {
        features = config.Features.Select(FeatureAccumulator.For).ToArray();
        tasks = config.Tasks.Select(FittedTask.From).ToArray();
        checks = tasks.Select(t => new PositiveLabelCheck(t)).ToArray();
        this.dataName = dataName;
    }

    /// <summary>Whether a feature or task learns from the rows; when false, <see cref="Finish"/> needs none.</summary>
    public bool NeedsRows => features.Any(f => f.NeedsRows) || checks.Any(c => c.NeedsRows);

    /// <summary>The number of training rows taken in.</summary>
    public long RowCount { get; private set; }

    /// <summary>Takes in a chunk of training rows.</summary>
    /// <param name="training">Rows read with the experiment's column requests.</param>
    /// <exception cref="DataFormatException">When a value cannot be used (a negative value under log1p).</exception>
    public void Add(RawTable training)
    {
        dataName ??= training.FileName;
        foreach (var check in checks)
        {
            check.Add(training);
        }

        foreach (var feature in features)
        {
            feature.Add(training);
        }

        RowCount += training.RowCount;
    }

    /// <summary>The fitted preprocessing of the rows taken in.</summary>
    /// <exception cref="DataFormatException">
    /// When a binary task had no positive label, or a scaler's statistics overflow.
    /// </exception>
    public FittedPipeline Finish()
    {
        foreach (var check in checks)
        {
            check.Finish(dataName ?? "the training rows");
        }

        return new FittedPipeline { Features = features.Select(f => f.Finish()).ToArray(), Tasks = tasks };
    }
}
