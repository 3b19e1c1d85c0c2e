using RecSharp.Data.Configuration;
using RecSharp.Data.Preprocessing;
using RecSharp.Data.Reading;
using RecSharp.Data.Synthetic;
using RecSharp.Data.Tables;

namespace RecSharp.Cli.Experiments;

/// <summary>Reads, splits and encodes an experiment's data, or generates the built-in example.</summary>
public static class DataPreparation
{
    /// <summary>Reads the configured file, splits off the test rows, fits the preprocessing on the training rows and encodes both.</summary>
    public static PreparedData FromConfig(ExperimentConfig config, bool skipBadRows)
    {
        string path = config.Data.Path ?? throw new ArgumentException("data.path is not set; give it in the experiment file or with --data");
        var raw = CsvTableReader.ForExperiment(config, includeLabels: true, skipBadRows: skipBadRows).Read(path);
        var (rawTrain, rawTest) = raw.Split(config.Training.TestSplit, config.Training.ShuffleSeed);
        var pipeline = FittedPipeline.Fit(config, rawTrain);
        var statistics = new TransformStatistics();
        return new PreparedData(pipeline.Transform(rawTrain, statistics), pipeline.Transform(rawTest, statistics),
            pipeline.FeatureDescriptions, pipeline.TaskDescriptions, pipeline.ToJson(), raw.BadRows, path);
    }

    /// <summary>The built-in example: generated impressions with user, item and category ids, two dense features, click and conversion.</summary>
    public static PreparedData BuiltInExample(int rows = 20_000, int seed = 1024)
    {
        var dataset = ClickConversionGenerator.Generate(new ClickConversionOptions { Rows = rows, Seed = seed });
        var (train, test) = dataset.Table.Split(0.2, seed);
        return new PreparedData(train, test, dataset.Features, dataset.Tasks, null, null, "built-in click/conversion generator");
    }

    /// <summary>The model the built-in example trains: PLE with the reference's defaults.</summary>
    public static ModelConfig BuiltInModel() => new() { Type = ModelType.Ple };

    /// <summary>The training of the built-in example: Adam, batch 256, five epochs, 10% validation.</summary>
    public static TrainingConfig BuiltInTraining() => new() { Epochs = 5, ValidationSplit = 0.1 };
}
