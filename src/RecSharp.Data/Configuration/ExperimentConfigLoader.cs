using RecSharp.Data.Configuration.Sections;
using RecSharp.Data.Configuration.Yaml;
using RecSharp.Data.Reading;

namespace RecSharp.Data.Configuration;

/// <summary>Reads an experiment YAML file into a validated <see cref="ExperimentConfig"/>.</summary>
public static class ExperimentConfigLoader
{
    private static readonly string[] RootKeys = ["data", "tasks", "features", "model", "training"];

    /// <summary>Reads and validates an experiment file; a relative <c>data.path</c> is resolved against the file's
    /// folder.</summary>
    /// <param name="path">The YAML file.</param>
    /// <exception cref="ConfigurationException">
    /// When the file is not valid UTF-8, is malformed, or a value is invalid.
    /// </exception>
    /// <exception cref="FileNotFoundException">When the file does not exist.</exception>
    public static ExperimentConfig Load(string path)
    {
        var fileName = Path.GetFileName(path);
        string text;
        try
        {
            using var reader = new StrictTextReader(File.OpenRead(path), fileName);
            text = reader.ReadToEnd();
        }
        catch (DataFormatException e)
        {
            throw new ConfigurationException(fileName, e.LineNumber, e.Problem);
        }

        return Parse(text, fileName, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>Parses and validates experiment YAML text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="fileName">The name used in error messages.</param>
    /// <param name="baseDirectory">The folder a relative <c>data.path</c> is resolved against; null keeps it as
    /// written.</param>
    /// <exception cref="ConfigurationException">When the text is malformed or a value is invalid.</exception>
    public static ExperimentConfig Parse(string yaml, string fileName = "experiment.yaml", string? baseDirectory = null)
    {
        var context = new YamlContext(fileName);
        var root = new YamlSection(context, YamlDocumentReader.ReadSingleDocument(yaml, context), "", RootKeys);

        var data = DataSectionParser.Parse(root.Section("data", DataSectionParser.Keys), baseDirectory);
        var tasks = TaskSectionParser.Parse(root, data);
        var features = FeatureSectionParser.Parse(root, data, tasks);
        var model = ModelSectionParser.Parse(root, tasks);
        var training = TrainingSectionParser.Parse(root.Section("training", TrainingSectionParser.Keys), tasks,
            features, data.ValidationPath is not null);

        return new ExperimentConfig { Data = data, Tasks = tasks, Features = features, Model = model,
            Training = training };
    }
}
