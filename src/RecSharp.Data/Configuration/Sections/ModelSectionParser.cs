using System.Text.RegularExpressions;
using RecSharp.Catalog;
using RecSharp.Data.Configuration.Yaml;
using RecSharp.Features;
using RecSharp.Models;
using YamlDotNet.RepresentationModel;

namespace RecSharp.Data.Configuration.Sections;

/// <summary>Reads the <c>model</c> section: <c>type</c> plus that model's hyper-parameters, checked by name, type and
/// range.</summary>
internal static class ModelSectionParser
{
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
        var probe = new YamlSection(root.Context, node, "model",
            mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToArray());
        var type = ModelNames.Model(probe.AsChoice(typeNode, "model.type", ModelNames.Models.Select(m => m.Name)));

        var catalog = ModelParameterCatalog.For(type.Name);
        var keys = catalog.Select(p => p.Name).Prepend("type").ToArray();
        var section = new YamlSection(root.Context, node, "model", keys);
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var parameter in catalog)
        {
            if (section.TryGet(parameter.Name, out var valueNode))
            {
                values[parameter.Name] = ParseValue(section, valueNode, parameter);
            }
        }

        if (type.OptionsType == typeof(EsmmOptions) && (tasks.Count != 2 || tasks.Any(t => t.Type != TaskType.Binary)))
        {
            throw root.Context.Error(typeNode,
            "an esmm model needs exactly two binary tasks: click (CTR) then click-and-convert (CTCVR)");
        }

        var config = new ModelConfig { Type = type, Parameters = new ModelParameters(values) };
        try
        {
            _ = config.Options; // binds now, so a value the options record refuses fails before any data is read
        }
        catch (ArgumentException e)
        {
            throw root.Context.Error(node, e.Message);
        }

        return config;
    }

    private static object ParseValue(YamlSection section, YamlNode node, ModelParameter parameter)
    {
        var path = section.Qualified(parameter.Name);
        switch (parameter.Kind)
        {
            case ModelParameterKind.Integer:
                var integer = section.AsInt(node, path);
                return parameter.Minimum is { } minimum && integer < minimum
                    ? throw section.Context.Error(node, $"'{path}' must be at least {minimum}, got {integer}")
                    : integer;
            case ModelParameterKind.Number:
                var number = section.AsDouble(node, path);
                return number < parameter.Minimum || number >= parameter.ExclusiveMaximum
                    ? throw section.Context.Error(node, $"'{path}' must be {RangeText(parameter)}, got {number}")
                    : number;
            case ModelParameterKind.Boolean:
                return section.AsBool(node, path);
            case ModelParameterKind.IntegerList:
                var items = section.Items(node, path);
                var widths = items.Select((n, i) => section.AsInt(n, $"{path}[{i}]")).ToArray();
                if (widths.Any(w => w < 1))
                {
                    throw section.Context.Error(node, $"'{path}' must list positive layer widths");
                }

                return widths.Length == 0 && parameter.NonEmpty
                    ? throw section.Context.Error(node, $"'{path}' must list at least one layer width")
                    : widths;
            default:
                return ParseText(section, node, path, parameter);
        }
    }

    private static string ParseText(YamlSection section, YamlNode node, string path, ModelParameter parameter)
    {
        var text = section.AsString(node, path);
        if (text.Length == 0)
        {
            throw section.Context.Error(node, $"'{path}' must not be empty");
        }

        if (parameter.Choices is { } choices && !choices.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            throw section.Context.Error(node, $"'{path}' must be one of {string.Join(", ", choices)}, got '{text}'");
        }

        return parameter.Pattern is { } pattern && !Regex.IsMatch(text, pattern)
            ? throw section.Context.Error(node, $"'{path}' must be {parameter.PatternText}, got '{text}'")
            : text;
    }

    /// <summary>The range of a number parameter in words: <c>non-negative</c>, <c>in [0, 1)</c>, ...</summary>
    internal static string RangeText(ModelParameter parameter) => (parameter.Minimum, parameter.ExclusiveMaximum) switch
    {
        ({ } low, { } high) => FormattableString.Invariant($"in [{low}, {high})"),
        (0, null) => "non-negative",
        ({ } low, null) => FormattableString.Invariant($"at least {low}"),
        (null, { } high) => FormattableString.Invariant($"below {high}"),
        _ => "a number",
    };
}
