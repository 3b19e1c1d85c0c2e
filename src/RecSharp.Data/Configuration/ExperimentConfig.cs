namespace RecSharp.Data.Configuration;

/// <summary>A whole experiment: data source, tasks, input features, model and training settings.</summary>
public sealed record ExperimentConfig
{
    /// <summary>Where and how to read the data.</summary>
    public required DataConfig Data { get; init; }

    /// <summary>The prediction tasks, in label-column order.</summary>
    public required IReadOnlyList<TaskConfig> Tasks { get; init; }

    /// <summary>The model inputs, in declaration order.</summary>
    public required IReadOnlyList<FeatureConfig> Features { get; init; }

    /// <summary>The model architecture and its hyper-parameters.</summary>
    public required ModelConfig Model { get; init; }

    /// <summary>Optimisation, evaluation and splitting settings.</summary>
    public required TrainingConfig Training { get; init; }

    /// <summary>A copy whose data path is replaced, e.g. by a command-line <c>--data</c> option.</summary>
    /// <param name="path">The data file to read instead.</param>
    public ExperimentConfig WithDataPath(string path) => this with { Data = Data with { Path = path } };

    /// <summary>Every column the reader must find: each feature's column, then each task's label column, without
    /// repeats.</summary>
    public IReadOnlyList<string> RequiredColumns()
        => Features.Select(f => f.Column).Concat(Tasks.Select(t => t.Label)).Distinct(StringComparer.Ordinal).ToArray();
}
