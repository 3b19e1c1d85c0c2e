using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace RecSharp.Data.Configuration.Yaml;

/// <summary>
/// A YAML mapping read as a configuration section: rejects keys outside an allowed set and
/// converts values to typed results with errors that name the key path and line.
/// </summary>
internal sealed class YamlSection
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> entries = new(StringComparer.Ordinal);

    public YamlSection(YamlContext context, YamlNode node, string path, IReadOnlyCollection<string> allowedKeys)
    {
        Context = context;
        Node = node;
        Path = path;
        if (node is not YamlMappingNode mapping)
        {
            throw context.Error(node, path.Length == 0 ? "the file must be a mapping of section names to sections"
                : $"'{path}' must be a mapping of keys to values");
        }

        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                throw context.Error(keyNode, $"keys in '{DisplayPath}' must be plain names");
            }

            if (!allowedKeys.Contains(key))
            {
                var where = path.Length == 0 ? "at the top level" : $"in '{path}'";
                throw context.Error(keyNode,
                    $"unknown key '{key}' {where} (allowed: {string.Join(", ", allowedKeys)})");
            }

            entries[key] = (scalarKey, valueNode);
        }
    }

    public YamlContext Context { get; }

    public YamlNode Node { get; }

    public string Path { get; }

    public string DisplayPath => Path.Length == 0 ? "the top level" : Path;

    public int Line => YamlContext.Line(Node);

    public bool Has(string key) => TryGet(key, out _);

    public int LineOf(string key) => entries.TryGetValue(key, out var e) ? YamlContext.Line(e.Key) : Line;

    public bool TryGet(string key, out YamlNode value)
    {
        if (entries.TryGetValue(key, out var e) && !IsNull(e.Value))
        {
            value = e.Value;
            return true;
        }

        value = null!;
        return false;
    }

    public YamlNode Required(string key)
        => TryGet(key, out var node) ? node : throw Context.Error(Node, $"'{DisplayPath}' needs the key '{key}'");

    public string? String(string key) => TryGet(key, out var node) ? AsString(node, Qualified(key)) : null;

    public string RequiredString(string key)
    {
        var value = AsString(Required(key), Qualified(key));
        return value.Length > 0 ? value
            : throw Context.Error(entries[key].Value, $"'{Qualified(key)}' must not be empty");
    }

    public int? Int(string key) => TryGet(key, out var node) ? AsInt(node, Qualified(key)) : null;

    public double? Double(string key) => TryGet(key, out var node) ? AsDouble(node, Qualified(key)) : null;

    public bool? Bool(string key) => TryGet(key, out var node) ? AsBool(node, Qualified(key)) : null;

    public IReadOnlyList<string>? StringList(string key)
        => TryGet(key, out var node)
            ? Items(node, Qualified(key)).Select((n, i) => AsString(n, $"{Qualified(key)}[{i}]")).ToArray() : null;

    public IReadOnlyList<double>? DoubleList(string key)
        => TryGet(key, out var node)
            ? Items(node, Qualified(key)).Select((n, i) => AsDouble(n, $"{Qualified(key)}[{i}]")).ToArray() : null;

    public IReadOnlyList<YamlNode> Items(YamlNode node, string path)
        => node is YamlSequenceNode sequence
            ? sequence.Children.ToArray()
            : throw Context.Error(node, $"'{path}' must be a list");

    public string Qualified(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public ConfigurationException ErrorAt(string key, string problem)
        => Context.Error(entries.TryGetValue(key, out var e) ? YamlContext.Line(e.Value) : Line, problem);

    public string AsString(YamlNode node, string path)
        => node is YamlScalarNode { Value: { } value }
            ? value
            : throw Context.Error(node, $"'{path}' must be a single value");

    public int AsInt(YamlNode node, string path)
    {
        var text = AsString(node, path);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Context.Error(node, $"'{path}' must be a whole number, got '{text}'");
    }

    public double AsDouble(YamlNode node, string path)
    {
        var text = AsString(node, path);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value)
            ? value
            : throw Context.Error(node, $"'{path}' must be a number, got '{text}'");
    }

    public bool AsBool(YamlNode node, string path)
    {
        var text = AsString(node, path);
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Context.Error(node, $"'{path}' must be true or false, got '{text}'"),
        };
    }

    public TEnum AsEnum<TEnum>(YamlNode node, string path)
        where TEnum : struct, Enum
        => System.Enum.Parse<TEnum>(AsChoice(node, path, System.Enum.GetNames<TEnum>()), ignoreCase: true);

    /// <summary>The one of <paramref name="choices"/> that the value names, in any casing; the choice as
    /// listed.</summary>
    public string AsChoice(YamlNode node, string path, IEnumerable<string> choices)
    {
        var text = AsString(node, path);
        var names = choices.ToArray();
        return names.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase))
            ?? throw Context.Error(node, $"'{path}' must be one of " +
                $"{string.Join(", ", names.Select(n => n.ToLowerInvariant()))}, got '{text}'");
    }

    public TEnum? Enum<TEnum>(string key)
        where TEnum : struct, System.Enum
        => TryGet(key, out var node) ? AsEnum<TEnum>(node, Qualified(key)) : null;

    public YamlSection? Section(string key, IReadOnlyCollection<string> allowedKeys)
        => TryGet(key, out var node) ? new YamlSection(Context, node, Qualified(key), allowedKeys) : null;

    private static bool IsNull(YamlNode node)
        => node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };
}
