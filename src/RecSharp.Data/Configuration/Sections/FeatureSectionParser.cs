using RecSharp.Data.Configuration.Yaml;
using RecSharp.Data.Schema;
using RecSharp.Features;
using YamlDotNet.RepresentationModel;

namespace RecSharp.Data.Configuration.Sections;

/// <summary>Reads and validates the <c>features</c> list.</summary>
internal static class FeatureSectionParser
{
    private static readonly string[] Keys =
    [
        "name", "column", "kind", "embeddingDim", "buckets", "minCount", "maxSize", "fill", "scaler", "delimiter",
        "maxLen", "combiner",
    ];

    private static readonly Dictionary<string, FeatureKind[]> KeysByKind = new(StringComparer.Ordinal)
    {
        ["embeddingDim"] = [FeatureKind.Sparse, FeatureKind.Hashed, FeatureKind.Sequence],
        ["buckets"] = [FeatureKind.Hashed],
        ["minCount"] = [FeatureKind.Sparse, FeatureKind.Sequence],
        ["maxSize"] = [FeatureKind.Sparse, FeatureKind.Sequence],
        ["fill"] = [FeatureKind.Dense],
        ["scaler"] = [FeatureKind.Dense],
        ["delimiter"] = [FeatureKind.Sequence],
        ["maxLen"] = [FeatureKind.Sequence],
        ["combiner"] = [FeatureKind.Sequence],
    };

    public static IReadOnlyList<FeatureConfig> Parse(YamlSection root, DataConfig data, IReadOnlyList<TaskConfig> tasks)
        => NamedEntries.Parse(root, "features", "feature", Keys, section => ParseFeature(section, data), f => f.Name,
            (section, feature) => RefuseLabelColumn(section, feature, tasks));

    private static void RefuseLabelColumn(YamlSection section, FeatureConfig feature, IReadOnlyList<TaskConfig> tasks)
    {
        if (tasks.FirstOrDefault(t => t.Label == feature.Column) is { } task)
        {
            throw section.ErrorAt(section.Has("column") ? "column" : "name",
                $"feature '{feature.Name}' reads column '{feature.Column}', the label of task '{task.Name}'; "
                + "a label used as an input leaks the answer into the model");
        }
    }

    private static FeatureConfig ParseFeature(YamlSection section, DataConfig data)
    {
        var name = section.RequiredString("name");
        var column = section.String("column") ?? name;
        var kind = section.AsEnum<FeatureKind>(section.Required("kind"), section.Qualified("kind"));

        foreach (var (key, kinds) in KeysByKind)
        {
            if (section.Has(key) && !kinds.Contains(kind))
            {
                var applies = string.Join(" and ", kinds.Select(k => k.ToString().ToLowerInvariant()));
                throw section.ErrorAt(key, $"'{key}' does not apply to {kind.ToString().ToLowerInvariant()} feature " +
                    $"'{name}' (only to {applies})");
            }
        }

        if (data.Columns is { } columns && !columns.Contains(column, StringComparer.Ordinal))
        {
            throw section.ErrorAt(section.Has("column") ? "column" : "name",
            $"column '{column}' of feature '{name}' is not in 'data.columns'");
        }

        var feature = new FeatureConfig
        {
            Name = name,
            Column = column,
            Kind = kind,
            EmbeddingDim = ParseEmbeddingDim(section),
            Buckets = Positive(section, "buckets"),
            MinCount = Positive(section, "minCount") ?? 1,
            MaxSize = Positive(section, "maxSize"),
            Fill = section.Double("fill") ?? 0,
            Scaler = section.Enum<ScalerKind>("scaler") ?? ScalerKind.None,
            Delimiter = section.String("delimiter") ?? "|",
            MaxLen = Positive(section, "maxLen"),
            Combiner = section.Enum<SequenceCombiner>("combiner") ?? SequenceCombiner.Mean,
        };

        if (kind == FeatureKind.Hashed && feature.Buckets is null)
        {
            throw section.Context.Error(section.Node, $"hashed feature '{name}' needs 'buckets'");
        }

        if (kind == FeatureKind.Sequence && feature.MaxLen is null)
        {
            throw section.Context.Error(section.Node, $"sequence feature '{name}' needs 'maxLen'");
        }

        if (kind == FeatureKind.Sequence && feature.Delimiter.Length == 0)
        {
            throw section.ErrorAt("delimiter", $"'{section.Qualified("delimiter")}' must not be empty");
        }

        return feature;
    }

    private static EmbeddingDim ParseEmbeddingDim(YamlSection section)
    {
        if (!section.TryGet("embeddingDim", out var node))
        {
            return EmbeddingDim.Default;
        }

        if (node is YamlScalarNode { Value: { } text }
            && string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return EmbeddingDim.Auto;
        }

        var path = section.Qualified("embeddingDim");
        var value = section.AsInt(node, path);
        return value > 0
            ? EmbeddingDim.Fixed(value)
            : throw section.Context.Error(node, $"'{path}' must be a positive whole number or 'auto', got {value}");
    }

    private static int? Positive(YamlSection section, string key)
    {
        var value = section.Int(key);
        return value is null or > 0
            ? value
            : throw section.ErrorAt(key, $"'{section.Qualified(key)}' must be positive, got {value}");
    }
}
