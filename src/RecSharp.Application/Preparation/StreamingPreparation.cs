using RecSharp.Data.Configuration;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Data.Streaming;

namespace RecSharp.Application.Preparation;

/// <summary>
/// Prepares an experiment whose training rows are streamed from their files each epoch: one pass over
/// <c>data.path</c> splits the rows (<see cref="RowSplit"/>, or by the files of <c>data.validationPath</c> and
/// <c>data.testPath</c>), fits the preprocessing on the training rows (unless one is given) and counts them. Only
/// the validation rows are held, encoded; the test rows are streamed when scored.
/// </summary>
internal static class StreamingPreparation
{
    /// <summary>Rows read at a time while splitting and fitting (the fit's sums depend on it).</summary>
    public const int ChunkRows = 65_536;

    /// <summary>
    /// Rows read at a time when an epoch streams the training (or test) rows: few enough that a chunk's columns of
    /// one value per row (8 bytes or less each) stay below the large object heap's 85,000 bytes, so that each chunk's
    /// arrays die young instead of piling up on that heap between full collections.
    /// </summary>
    public const int StreamChunkRows = 4_096;

    /// <summary>
    /// Whether the experiment streams: <c>training.streaming</c> when set, otherwise whether reading
    /// <c>data.path</c> whole would exceed <c>data.memoryBudget</c> (see <see cref="MemoryEstimate"/>).
    /// </summary>
    /// <param name="config">The experiment.</param>
    public static bool Applies(ExperimentConfig config)
    {
        if (config.Training.Streaming is { } streaming)
        {
            return streaming;
        }

        var budget = config.Data.MemoryBudget ?? MemoryEstimate.DefaultBudget;
        return config.Data.Path is { } path
            && MemoryEstimate.Bytes(DataFiles.Resolve(path, config.Data.Format)) > budget;
    }

    /// <summary>
    /// Splits, fits and counts in one pass; returns the data with its <see cref="PreparedData.Streamed"/> rows.
    /// </summary>
    /// <param name="config">The experiment.</param>
    /// <param name="skipBadRows">Whether to skip bad rows instead of failing.</param>
    /// <param name="preprocessing">A preprocessing fitted earlier to encode with instead of fitting one.</param>
    public static PreparedData Prepare(ExperimentConfig config, bool skipBadRows, FittedPipeline? preprocessing = null)
    {
        var split = new RowSplit(config);
        var options = CsvReadOptions.FromConfig(config.Data, skipBadRows);
        var path = config.Data.Path
            ?? throw new ArgumentException("data.path is not set; give it in the experiment file or with --data");
        var source = new DataSource(path, config.Data.Format, options, split.Requests(config));
        var rows = Enum.GetValues<DataRole>().ToDictionary(role => role, _ => 0L);
        var validation = new List<RawTable>();
        var badRows = BadRowReport.None;
        RawTable? empty = null;

        IEnumerable<RawTable> Training()
        {
            foreach (var chunk in source.ReadChunks(ChunkRows))
            {
                badRows = badRows.Combine(chunk.BadRows);
                empty ??= chunk.Slice([]);
                var roles = split.RolesOf(chunk);
                foreach (var role in roles)
                {
                    rows[role]++;
                }

                if (roles.Contains(DataRole.Validation))
                {
                    validation.Add(split.Keep(chunk, DataRole.Validation));
                }

                yield return split.Keep(chunk, DataRole.Train);
            }
        }

        var pipeline = preprocessing ?? FittedPipeline.Fit(config, Training(), source.Path);
        if (preprocessing is not null)
        {
            foreach (var _ in Training())
            {
            }
        }

        var validationStatistics = new TransformStatistics();
        var validationRows = config.Data.ValidationPath is { } validationPath
            ? DataSource.ForExperiment(config.WithDataPath(validationPath), true, skipBadRows).ReadAll()
            : RawTable.Concat(source.Path, validation.Count > 0 ? validation : [empty!]);
        var train = new FileTrainingStream(
            source, split, DataRole.Train, pipeline, rows[DataRole.Train], StreamChunkRows);
        var test = config.Data.TestPath is { } testPath
            ? new FileTrainingStream(DataSource.ForExperiment(config.WithDataPath(testPath), true, skipBadRows), null,
                DataRole.Test, pipeline, 0, StreamChunkRows)
            : new FileTrainingStream(source, split, DataRole.Test, pipeline, rows[DataRole.Test], StreamChunkRows);
        var none = pipeline.Transform(empty!);
        return new PreparedData(none, pipeline.Transform(validationRows, validationStatistics), none,
            pipeline.FeatureDescriptions, pipeline.TaskDescriptions, pipeline.ToJson(), badRows, source.Path)
        {
            UnseenInValidation = validationStatistics.UnseenValues,
            Streamed = new StreamedRows(train, test.ReadAll, config.Data.TestPath is null ? rows[DataRole.Test] : null),
        };
    }
}
