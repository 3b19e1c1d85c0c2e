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
    /// <c>validationSplit</c> of the rest), fits the preprocessing on the training rows alone and encodes all three,
    /// counting the validation and test values the fitted vocabularies have not seen.
    /// </summary>
    public static PreparedData FromConfig(ExperimentConfig config, bool skipBadRows)
    {
        string path = config.Data.Path ?? throw new ArgumentException("data.path is not set; give it in the experiment file or with --data");
        var raw = CsvTableReader.ForExperiment(config, includeLabels: true, skipBadRows: skipBadRows).Read(path);
        var (rawRest, rawTest) = raw.Split(config.Training.TestSplit, config.Training.ShuffleSeed);
        int trainRows = TrainingRows(rawRest.RowCount, config.Training.ValidationSplit);
        var rawTrain = rawRest.Slice(Range(0, trainRows));
        var rawValidation = rawRest.Slice(Range(trainRows, rawRest.RowCount));
        var pipeline = FittedPipeline.Fit(config, rawTrain);
        var validationStatistics = new TransformStatistics();
        var testStatistics = new TransformStatistics();
        return new PreparedData(pipeline.Transform(rawTrain), pipeline.Transform(rawValidation, validationStatistics),
            pipeline.Transform(rawTest, testStatistics), pipeline.FeatureDescriptions, pipeline.TaskDescriptions, pipeline.ToJson(),
            raw.BadRows, path)
        {
            UnseenInValidation = validationStatistics.UnseenValues,
            UnseenInTest = testStatistics.UnseenValues,
        };
    }

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
        if (train < 1) throw new ArgumentException($"no training rows are left: {rows} rows with validationSplit {validationSplit}");
        return train;
    }

    private static int[] Range(int start, int end) => Enumerable.Range(start, end - start).ToArray();
}
