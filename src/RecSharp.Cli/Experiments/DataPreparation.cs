using RecSharp.Data.Configuration;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Data.Synthetic;
using RecSharp.Data.Tables;

namespace RecSharp.Cli.Experiments;

/// <summary>Reads, splits and encodes an experiment's data, or generates the built-in example.</summary>
public static class DataPreparation
{
    /// <summary>
    /// Reads the configured file, splits off the test rows (shuffled) and the validation rows (the last
    /// <c>validationSplit</c> of the rest) unless <c>data.testPath</c> or <c>data.validationPath</c> name their own
    /// files, fits the preprocessing on the training rows alone and encodes all three,
    /// counting the validation and test values the fitted vocabularies have not seen. With <paramref name="fitOnce"/>,
    /// the preprocessing is the one it returns when handed the fit (in a data-parallel job, rank 0's on every rank).
    /// </summary>
    /// <param name="config">The experiment.</param>
    /// <param name="skipBadRows">Whether to skip bad rows instead of failing.</param>
    /// <param name="preprocessing">A preprocessing fitted earlier to encode with instead of fitting one.</param>
    /// <param name="fitOnce">Runs the fit where it must run once (rank 0 of a distributed job) and shares its result.</param>
    public static PreparedData FromConfig(ExperimentConfig config, bool skipBadRows,
        FittedPipeline? preprocessing = null, Func<Func<FittedPipeline>, FittedPipeline>? fitOnce = null)
    {
        var source = DataSource.ForExperiment(config, includeLabels: true, skipBadRows: skipBadRows);
        string path = source.Path;
        var raw = source.ReadAll();
        var (rawRest, rawTest) = config.Data.TestPath is { } testPath
            ? (raw, ReadAll(config, testPath, skipBadRows))
            : raw.Split(config.Training.TestSplit, config.Training.ShuffleSeed);
        var validationPath = config.Data.ValidationPath;
        int trainRows = validationPath is null
            ? TrainingRows(rawRest.RowCount, config.Training.ValidationSplit)
            : rawRest.RowCount;
        var rawTrain = rawRest.Slice(Range(0, trainRows));
        var rawValidation = validationPath is null
            ? rawRest.Slice(Range(trainRows, rawRest.RowCount))
            : ReadAll(config, validationPath, skipBadRows);
        FittedPipeline Fit() => FittedPipeline.Fit(config, rawTrain);
        var pipeline = preprocessing ?? (fitOnce is null ? Fit() : fitOnce(Fit));
        var trainStatistics = new TransformStatistics();
        var validationStatistics = new TransformStatistics();
        var testStatistics = new TransformStatistics();
        return new PreparedData(pipeline.Transform(rawTrain, trainStatistics),
            pipeline.Transform(rawValidation, validationStatistics),
            pipeline.Transform(rawTest, testStatistics), pipeline.FeatureDescriptions, pipeline.TaskDescriptions, pipeline.ToJson(),
            raw.BadRows, path)
        {
            UnseenInValidation = validationStatistics.UnseenValues,
            UnseenInTest = testStatistics.UnseenValues,
            LabelsReadAsZero = trainStatistics.LabelsMappedToZero,
        };
    }

    // The rows of other files of the experiment (its validation or test files), read as its data.
    private static RawTable ReadAll(ExperimentConfig config, string path, bool skipBadRows)
        => DataSource.ForExperiment(config.WithDataPath(path), includeLabels: true, skipBadRows).ReadAll();

    /// <summary>
    /// The built-in example: generated impressions with user, item and category ids, two dense features, click and
    /// conversion; 20% test rows, then the last <paramref name="validationSplit"/> of the rest for validation.
    /// </summary>
    public static PreparedData BuiltInExample(double validationSplit, int rows = 20_000, int seed = 1024)
    {
        var dataset = ClickConversionGenerator.Generate(new ClickConversionOptions { Rows = rows, Seed = seed });
        var (rest, test) = dataset.Table.Split(0.2, seed);
        int trainRows = TrainingRows(rest.RowCount, validationSplit);
        return new PreparedData(rest.Slice(Range(0, trainRows)), rest.Slice(Range(trainRows, rest.RowCount)), test,
            dataset.Features, dataset.Tasks, null, null, "built-in click/conversion generator");
    }

    /// <summary>The model the built-in example trains: PLE with the reference's defaults.</summary>
    public static ModelConfig BuiltInModel() => new() { Type = ModelType.Ple };

    /// <summary>The training of the built-in example: Adam, batch 256, five epochs, 10% validation.</summary>
    public static TrainingConfig BuiltInTraining() => new() { Epochs = 5, ValidationSplit = 0.1 };

    // The rows kept for training when the last validationSplit of them is held out, as Fit's own validationSplit does.
    private static int TrainingRows(int rows, double validationSplit)
    {
        int train = (int)(rows * (1 - validationSplit));
        if (train < 1) throw new ArgumentException($"no training rows are left: {rows} rows with validationSplit {validationSplit}");
        return train;
    }

    private static int[] Range(int start, int end) => Enumerable.Range(start, end - start).ToArray();
}
