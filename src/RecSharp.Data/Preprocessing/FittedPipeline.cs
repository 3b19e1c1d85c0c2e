using System.Text.Json;
using System.Text.Json.Serialization;
using RecSharp.Data.Configuration;
using RecSharp.Data.Reading;
using RecSharp.Data.Schema;
using RecSharp.Data.Tables;

namespace RecSharp.Data.Preprocessing;

/// <summary>
/// Every feature encoding and label mapping of an experiment, fitted on training rows only. Saved as JSON beside a
/// model, it turns later files into exactly the same ids and scaled values.
/// </summary>
public sealed record FittedPipeline
{
    /// <summary>
    /// The JSON layout version written by this library: 2 writes keys and names in snake_case, as all JSON RecSharp
    /// writes; version 1, still read, wrote them in camelCase.
    /// </summary>
    public const int CurrentFormatVersion = 2;

    private static readonly JsonSerializerOptions JsonOptions = Layout(JsonNamingPolicy.SnakeCaseLower);

    private static readonly JsonSerializerOptions Version1Options = Layout(JsonNamingPolicy.CamelCase);

    /// <summary>The JSON layout version.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The fitted features, in declaration order.</summary>
    public required IReadOnlyList<FittedFeature> Features { get; init; }

    /// <summary>The tasks, in label-column order.</summary>
    public required IReadOnlyList<FittedTask> Tasks { get; init; }

    /// <summary>Per feature, what the model needs to declare its input column.</summary>
    [JsonIgnore]
    public IReadOnlyList<FeatureDescription> FeatureDescriptions => Features.Select(f => f.Describe()).ToArray();

    /// <summary>Per task, its name and type.</summary>
    [JsonIgnore]
    public IReadOnlyList<TaskDescription> TaskDescriptions => Tasks.Select(t => t.Describe()).ToArray();

    /// <summary>Fits every feature of <paramref name="config"/> on <paramref name="training"/> (training rows
    /// only).</summary>
    /// <param name="config">The experiment.</param>
    /// <param name="training">The training rows, read with the experiment's column requests.</param>
    /// <exception cref="DataFormatException">
    /// When a value cannot be used (e.g. a negative value under log1p, or one whose scaling overflows), or when a
    /// binary task has no positive label among the training rows.
    /// </exception>
    public static FittedPipeline Fit(ExperimentConfig config, RawTable training) => Fit(config, [training]);

    /// <summary>
    /// Fits every feature of <paramref name="config"/> in one streaming pass over chunks of training rows (see
    /// <see cref="PreprocessingFit"/>), e.g. <see cref="DataSource.ReadChunks"/> of the training files.
    /// </summary>
    /// <param name="config">The experiment.</param>
    /// <param name="training">The training rows in chunks, read with the experiment's column requests.</param>
    /// <param name="dataName">The training data's name for messages; by default the first chunk's file.</param>
    /// <exception cref="DataFormatException">As <see cref="Fit(ExperimentConfig, RawTable)"/>.</exception>
    public static FittedPipeline Fit(ExperimentConfig config, IEnumerable<RawTable> training, string? dataName = null)
    {
        var fit = new PreprocessingFit(config, dataName);
        foreach (var chunk in training)
        {
            fit.Add(chunk);
        }

        return fit.Finish();
    }

    /// <summary>
    /// Encodes rows into a <see cref="ColumnarTable"/>. Labels are filled when every task's label column was read;
    /// otherwise the table has <see cref="ColumnarTable.HasLabels"/> false.
    /// </summary>
    /// <param name="table">Rows read with the same experiment.</param>
    /// <param name="statistics">
    /// Receives unseen, missing and mapped-to-zero label counts; may be shared across chunks.
    /// </param>
    /// <exception cref="DataFormatException">When a value cannot be used, e.g. a negative value under
    /// log1p.</exception>
    public ColumnarTable Transform(RawTable table, TransformStatistics? statistics = null)
    {
        statistics ??= new TransformStatistics();
        var columns = Features.Select(f => new KeyValuePair<string, Array>(f.Name, f.Transform(table, statistics)))
            .ToArray();
        double[,]? labels = null;
        if (Tasks.Count > 0 && Tasks.All(t => t.CanMap(table)))
        {
            labels = new double[table.RowCount, Tasks.Count];
            for (var k = 0; k < Tasks.Count; k++)
            {
                Tasks[k].Map(table, labels, k, statistics);
            }
        }

        statistics.AddRows(table.RowCount);
        return new ColumnarTable(table.RowCount, columns, Tasks.Select(t => t.Name).ToArray(), labels);
    }

    /// <summary>
    /// Why this pipeline cannot stand for the preprocessing of <paramref name="config"/>, or null when it can: the
    /// same features (name, column, kind) and tasks (name, type, label and its mapping), in the same order.
    /// </summary>
    /// <param name="config">The experiment whose data the pipeline would encode.</param>
    public string? MismatchWith(ExperimentConfig config)
    {
        var mine = Features.Select(f => (f.Name, f.Column, f.Describe().Kind)).ToArray();
        var theirs = config.Features.Select(f => (f.Name, f.Column, f.Kind)).ToArray();
        if (!mine.SequenceEqual(theirs))
        {
            return $"was fitted for the features {Listed(mine)}, but the experiment has {Listed(theirs)}";
        }

        var wanted = config.Tasks.Select(FittedTask.From).ToArray();
        var task = Tasks.Zip(wanted).FirstOrDefault(p => !SameTask(p.First, p.Second));
        return Tasks.Count != wanted.Length || task != default
            ? $"was fitted for the tasks {string.Join(", ", Tasks.Select(t => t.Name))} with other labels or mappings "
                + "than the experiment's"
            : null;
    }

    /// <summary>The pipeline as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a pipeline written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <exception cref="JsonException">When the text is not a pipeline of a supported version.</exception>
    public static FittedPipeline FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        bool version1 = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("formatVersion", out _);
        var pipeline = root.Deserialize<FittedPipeline>(version1 ? Version1Options : JsonOptions)
            ?? throw new JsonException("The JSON holds no pipeline.");
        int expected = version1 ? 1 : CurrentFormatVersion;
        return pipeline.FormatVersion == expected
            ? pipeline
            : throw new JsonException($"Pipeline format version {pipeline.FormatVersion} is not supported "
                + $"(expected 1 or {CurrentFormatVersion}).");
    }

    /// <summary>Writes the pipeline as JSON to a file.</summary>
    /// <param name="path">The file to create or replace.</param>
    public void Save(string path) => File.WriteAllText(path, ToJson());

    /// <summary>Reads a pipeline from a JSON file.</summary>
    /// <param name="path">The file written by <see cref="Save"/>.</param>
    public static FittedPipeline Load(string path) => FromJson(File.ReadAllText(path));

    // The layout of a version, keys and enumeration names in one casing.
    private static JsonSerializerOptions Layout(JsonNamingPolicy naming) => new()
    {
        PropertyNamingPolicy = naming,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(naming) },
    };

    private static string Listed(IEnumerable<(string Name, string Column, FeatureKind Kind)> features)
        => string.Join(", ", features.Select(f => $"{f.Name} ({f.Kind.ToString().ToLowerInvariant()} of {f.Column})"));

    private static bool SameTask(FittedTask a, FittedTask b)
        => a.Name == b.Name && a.Type == b.Type && a.Label == b.Label && a.Threshold == b.Threshold
            && (a.Positive ?? []).SequenceEqual(b.Positive ?? []) && (a.Negative ?? []).SequenceEqual(b.Negative ?? []);
}
