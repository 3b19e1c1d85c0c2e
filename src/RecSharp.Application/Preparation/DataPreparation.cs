using RecSharp.Application.Distributed;
using RecSharp.Data.Configuration;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Data.Synthetic;
using RecSharp.Data.Tables;
using RecSharp.Distributed;

namespace RecSharp.Application.Preparation;

/// <summary>Reads, splits and encodes an experiment's data, or generates the built-in example.</summary>
internal static class DataPreparation
{
    /// <summary>
    /// Reads the configured file, splits off the test rows (shuffled) and the validation rows (the last
    /// <c>validationSplit</c> of the rest) unless <c>data.testPath</c> or <c>data.validationPath</c> name their own
    /// files, fits the preprocessing on the training rows alone and encodes all three, counting the validation and test
    /// values the fitted vocabularies have not seen. In a data-parallel <paramref name="job"/>, rank 0 fits the
    /// preprocessing and every rank encodes with it; over a sharded source of at least as many files as ranks, the
    /// ranks divide the files (see <see cref="RankFiles"/>): a rank other than 0 reads only its own and its tables hold
    /// only their rows, and <see cref="PreparedData.RankRows"/> says which rows are the rank's (of validation or test
    /// files of their own, row i when i mod ranks is the rank).
    /// </summary>
    /// <param name="config">The experiment.</param>
    /// <param name="skipBadRows">Whether to skip bad rows instead of failing.</param>
    /// <param name="preprocessing">A preprocessing fitted earlier to encode with instead of fitting one.</param>
    /// <param name="job">The data-parallel job this process is a rank of, if any.</param>
    public static PreparedData FromConfig(ExperimentConfig config, bool skipBadRows,
        FittedPipeline? preprocessing = null, DistributedJob? job = null)
    {
        var source = DataSource.ForExperiment(config, includeLabels: true, skipBadRows: skipBadRows);
        string path = source.Path;
        var files = job is null ? null : RankFiles.For(job, source);
        var raw = files?.Read(source) ?? source.ReadAll();
        int total = files?.TotalRows ?? raw.RowCount;
        var (testPath, validationPath) = (config.Data.TestPath, config.Data.ValidationPath);
        var (rest, test) = testPath is null
            ? ShuffleSplit.Indices(total, config.Training.TestSplit, config.Training.ShuffleSeed)
            : (Range(0, total), []);
        int trainRows = validationPath is null
            ? TrainingRows(rest.Length, config.Training.ValidationSplit)
            : rest.Length;
        int[] train = rest[..trainRows], validation = rest[trainRows..];
        RawTable Rows(int[] rows) => raw.Slice(files?.Positions(rows) ?? rows);
        var rawTrain = Rows(train);
        var rawValidation = validationPath is null ? Rows(validation) : ReadAll(config, validationPath, skipBadRows);
        var rawTest = testPath is null ? Rows(test) : ReadAll(config, testPath, skipBadRows);
        int[] Mine(int[] rows, string? ownFile, RawTable table) => ownFile is null
            ? files!.Mine(rows)
            : DataShard.Rows(table.RowCount, job!.Rank, job.Size);
        FittedPipeline Fit() => FittedPipeline.Fit(config, rawTrain);
        var pipeline = preprocessing ?? (job is null ? Fit() : job.FitOnRankZero(Fit));
        var trainStatistics = new TransformStatistics();
        var validationStatistics = new TransformStatistics();
        var testStatistics = new TransformStatistics();
        return new PreparedData(pipeline.Transform(rawTrain, trainStatistics),
            pipeline.Transform(rawValidation, validationStatistics),
            pipeline.Transform(rawTest, testStatistics), pipeline.FeatureDescriptions, pipeline.TaskDescriptions,
            pipeline.ToJson(),
            raw.BadRows, path)
        {
            UnseenInValidation = validationStatistics.UnseenValues,
            UnseenInTest = testStatistics.UnseenValues,
            LabelsReadAsZero = trainStatistics.LabelsMappedToZero,
            RankRows = files is null ? null
                : new RankRows(files.Mine(train), Mine(validation, validationPath, rawValidation),
                    Mine(test, testPath, rawTest), files.Files, files.RowsRead),
        };
    }

    // The rows of other files of the experiment (its validation or test files), read as its data.
    private static RawTable ReadAll(ExperimentConfig config, string path, bool skipBadRows)
        => DataSource.ForExperiment(config.WithDataPath(path), includeLabels: true, skipBadRows).ReadAll();

    /// <summary>
    /// Generated click/conversion impressions as encoded tables (the benchmarks' synthetic workload): user, item and
    /// category ids, two dense features, click and conversion; 20% test rows, then the last
    /// <paramref name="validationSplit"/> of the rest for validation.
    /// </summary>
    public static PreparedData BuiltInExample(double validationSplit, int rows = 20_000, int seed = 1024)
    {
        var dataset = ClickConversionGenerator.Generate(new ClickConversionOptions { Rows = rows, Seed = seed });
        var (rest, test) = dataset.Table.Split(0.2, seed);
        int trainRows = TrainingRows(rest.RowCount, validationSplit);
        return new PreparedData(rest.Slice(Range(0, trainRows)), rest.Slice(Range(trainRows, rest.RowCount)), test,
            dataset.Features, dataset.Tasks, null, null, "built-in click/conversion generator");
    }

    // The rows kept for training when the last validationSplit of them is held out, as Fit's own validationSplit does.
    private static int TrainingRows(int rows, double validationSplit)
    {
        int train = (int)(rows * (1 - validationSplit));
        if (train < 1)
        {
            throw new ArgumentException(
                $"no training rows are left: {rows} rows with validationSplit {validationSplit}");
        }
        return train;
    }

    private static int[] Range(int start, int end) => Enumerable.Range(start, end - start).ToArray();
}
