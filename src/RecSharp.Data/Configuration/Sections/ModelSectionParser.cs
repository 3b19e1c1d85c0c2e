using RecSharp.Catalog;
using System.Text.RegularExpressions;
using RecSharp.Data.Configuration.Yaml;
using RecSharp.Features;
using YamlDotNet.RepresentationModel;

namespace RecSharp.Data.Configuration.Sections;

/// <summary>Reads the <c>model</c> section: <c>type</c> plus that model's hyper-parameters, checked by name, type and range.</summary>
internal static partial class ModelSectionParser
{
    private static readonly HashSet<string> NonEmptyLists = new(StringComparer.Ordinal)
    {
        "expertDnnHiddenUnits", "bottomDnnHiddenUnits",
    };

    public static ModelConfig Parse(YamlSection root, IReadOnlyList<TaskConfig> tasks)
    {
        if (!root.TryGet("model", out var node))
        {
            throw root.Context.Error(root.Node, "the experiment needs a 'model' section with a 'type'");
        }

        if (node is not YamlMappingNode mapping)
        {
            throw root.Context.Error(node, "'model' must be a mapping of keys to values");
        }

        var typeNode = mapping.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: "type" }).Value
            ?? throw root.Context.Error(node, "'model' needs the key 'type'");
        var probe = new YamlSection(root.Context, node, "model", mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToArray());
        var type = probe.AsEnum<ModelType>(typeNode, "model.type");

        var catalog = ModelParameterCatalog.For(type);
        var section = new YamlSection(root.Context, node, "model", catalog.Keys.Prepend("type").ToArray());
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, kind) in catalog)
        {
            if (section.TryGet(name, out var valueNode))
            {
                values[name] = ParseValue(section, valueNode, name, kind);
            }
        }

        if (type == ModelType.Esmm && (tasks.Count != 2 || tasks.Any(t => t.Type != TaskType.Binary)))
        {
            throw root.Context.Error(typeNode, "an esmm model needs exactly two binary tasks: click (CTR) then click-and-convert (CTCVR)");
        }

        return new ModelConfig { Type = type, Parameters = new ModelParameters(values) };
    }

    private static object ParseValue(YamlSection section, YamlNode node, string name, ModelParameterKind kind)
    {
        var path = section.Qualified(name);
        switch (kind)
        {
            case ModelParameterKind.Integer:
                var integer = section.AsInt(node, path);
                return ModelParameterCatalog.MinimumOf(name) is { } minimum && integer < minimum
                    ? throw section.Context.Error(node, $"'{path}' must be at least {minimum}, got {integer}")
                    : integer;
            case ModelParameterKind.Number:
                var number = section.AsDouble(node, path);
                if (number < 0 || (name == "dnnDropout" && number >= 1))
                {
                    var range = name == "dnnDropout" ? "in [0, 1)" : "non-negative";
                    throw section.Context.Error(node, $"'{path}' must be {range}, got {number}");
                }

                return number;
            case ModelParameterKind.Boolean:
                return section.AsBool(node, path);
            case ModelParameterKind.IntegerList:
                var items = section.Items(node, path);
                var widths = items.Select((n, i) => section.AsInt(n, $"{path}[{i}]")).ToArray();
                if (widths.Any(w => w < 1))
                {
                    throw section.Context.Error(node, $"'{path}' must list positive layer widths");
                }

                return widths.Length == 0 && NonEmptyLists.Contains(name)
                    ? throw section.Context.Error(node, $"'{path}' must list at least one layer width")
                    : widths;
            default:
                var text = section.AsString(node, path);
                if (text.Length == 0)
                {
                    throw section.Context.Error(node, $"'{path}' must not be empty");
                }

                if (name == "dnnActivation" && !ModelNames.Activations.Contains(text.ToLowerInvariant()))
                {
                    throw section.Context.Error(node,
                        $"'{path}' must be one of {string.Join(", ", ModelNames.Activations)}, got '{text}'");
                }

                return name == "device" && !DevicePattern().IsMatch(text)
                    ? throw section.Context.Error(node, $"'{path}' must be cpu, cuda, cuda:N or auto, got '{text}'")
                    : text;
        }
    }

    [GeneratedRegex("^(cpu|auto|cuda(:[0-9]+)?)$")]
    private static partial Regex DevicePattern();
}
