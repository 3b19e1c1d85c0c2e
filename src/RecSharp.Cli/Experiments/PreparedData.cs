using RecSharp.Data.Reading;
using RecSharp.Data.Schema;
using RecSharp.Data.Tables;

namespace RecSharp.Cli.Experiments;

/// <summary>Encoded training and test rows, what they describe, and how they were read.</summary>
/// <param name="Train">Training rows.</param>
/// <param name="Test">Held-out test rows (may be empty).</param>
/// <param name="Features">The features, for declaring the model's columns.</param>
/// <param name="Tasks">The tasks.</param>
/// <param name="PreprocessingJson">The fitted preprocessing, saved with the model (null for generated data).</param>
/// <param name="BadRows">Rows skipped while reading, if any.</param>
/// <param name="Source">Where the rows came from.</param>
public sealed record PreparedData(ColumnarTable Train, ColumnarTable Test, IReadOnlyList<FeatureDescription> Features,
    IReadOnlyList<TaskDescription> Tasks, string? PreprocessingJson, BadRowReport? BadRows, string Source);
