using RecSharp.Application.Distributed;
using RecSharp.Data.Reading;
using RecSharp.Data.Schema;
using RecSharp.Data.Tables;

namespace RecSharp.Application.Preparation;

/// <summary>Encoded training, validation and test rows, what they describe, and how they were read.</summary>
/// <param name="Train">The rows trained on (the preprocessing is fitted on these alone).</param>
/// <param name="Validation">Rows held out from training for per-epoch validation (may be empty).</param>
/// <param name="Test">Held-out test rows (may be empty).</param>
/// <param name="Features">The features, for declaring the model's columns.</param>
/// <param name="Tasks">The tasks.</param>
/// <param name="PreprocessingJson">The fitted preprocessing, saved with the model (null for generated data).</param>
/// <param name="BadRows">Rows skipped while reading, if any.</param>
/// <param name="Source">Where the rows came from.</param>
internal sealed record PreparedData(ColumnarTable Train, ColumnarTable Validation, ColumnarTable Test,
    IReadOnlyList<FeatureDescription> Features,
    IReadOnlyList<TaskDescription> Tasks, string? PreprocessingJson, BadRowReport? BadRows, string Source)
{
    /// <summary>
    /// Training and test rows streamed from their files (<see cref="Train"/> and <see cref="Test"/> are then empty),
    /// or null when every row is held in memory.
    /// </summary>
    public StreamedRows? Streamed { get; init; }

    /// <summary>The training rows, held or streamed.</summary>
    public long TrainRows => Streamed?.Train.Rows ?? Train.RowCount;

    /// <summary>
    /// The test rows, held or streamed; null when streamed test files are counted only as they are read.
    /// </summary>
    public long? TestRows => Streamed is { } streamed ? streamed.TestRows : Test.RowCount;

    /// <summary>Per categorical feature, the validation values not in the vocabulary fitted on <see cref="Train"/>
    /// (empty for generated data).</summary>
    public IReadOnlyDictionary<string, long> UnseenInValidation { get; init; } = new Dictionary<string, long>();

    /// <summary>Per categorical feature, the test values not in the vocabulary fitted on <see cref="Train"/> (empty for
    /// generated data).</summary>
    public IReadOnlyDictionary<string, long> UnseenInTest { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// Per binary task that lists only <c>positive</c> values, each training label value read as 0 with its row count
    /// (empty for generated data and for tasks that list their negative values too).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> LabelsReadAsZero { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, long>>();

    /// <summary>
    /// In a data-parallel job whose ranks divide a sharded source by files, which rows of the tables are this rank's;
    /// null when the ranks divide the rows of the tables (row i to rank i mod N).
    /// </summary>
    public RankRows? RankRows { get; init; }
}
