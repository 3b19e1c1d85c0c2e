using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;
using RecSharp.Catalog;
using RecSharp.Models;

namespace RecSharp.Data.Tests.Support;

/// <summary>
/// What docs/configuration.md's parameter table and the JSON schema's <c>model</c> section must say, written from
/// <see cref="ModelParameterCatalog"/>, that is from the options records.
/// </summary>
internal static class ModelSectionReference
{
    private const string CommonModels = "all";

    /// <summary>
    /// The schema's <c>model</c> property: the type names, and per type its keys with rules and defaults.
    /// </summary>
    public static JsonObject Schema() => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray("type"),
        ["properties"] = new JsonObject { ["type"] = new JsonObject { ["enum"] = Strings(Names()) } },
        ["allOf"] = new JsonArray([.. Names().Select(Branch)]),
    };

    /// <summary>
    /// The guide's table of hyper-parameters: one row per key and default, naming the types that take it.
    /// </summary>
    public static string GuideTable()
    {
        var rows = Names()
            .SelectMany(model => ModelParameterCatalog.For(model).Select(p => (Model: model, Row: Row(p))))
            .GroupBy(r => r.Row, r => r.Model)
            .OrderBy(g => IsCommon(g.Key.Name))
            .Select(g => $"| `{g.Key.Name}` | {g.Key.Kind} | {Models(g)} | {g.Key.Default} | {g.Key.Rule} |");
        return string.Join('\n', ["| parameter | type | models | default | rule |", "| --- | --- | --- | --- | --- |",
            .. rows]);
    }

    private static IReadOnlyList<string> Names() => [.. ModelNames.Models.Select(m => m.Name)];

    private static bool IsCommon(string name) =>
        typeof(MultiTaskOptions).GetProperties()
            .Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string Models(IEnumerable<string> models) =>
        models.Count() == ModelNames.Models.Count ? CommonModels : string.Join(", ", models);

    private static JsonObject Branch(string model)
    {
        JsonObject TypeIs() => new() { ["type"] = new JsonObject { ["const"] = model } };
        var properties = TypeIs();
        foreach (var parameter in ModelParameterCatalog.For(model))
        {
            properties[parameter.Name] = Property(parameter);
        }

        return new JsonObject
        {
            ["if"] = new JsonObject { ["properties"] = TypeIs() },
            ["then"] = new JsonObject { ["properties"] = properties, ["additionalProperties"] = false },
        };
    }

    private static JsonObject Property(ModelParameter parameter)
    {
        var schema = new JsonObject();
        switch (parameter.Kind)
        {
            case ModelParameterKind.Integer:
                schema["type"] = "integer";
                if (parameter.Minimum is { } least) schema["minimum"] = (int)least;
                break;
            case ModelParameterKind.Number:
                schema["type"] = "number";
                if (parameter.Minimum is { } low) schema["minimum"] = low;
                if (parameter.ExclusiveMaximum is { } high) schema["exclusiveMaximum"] = high;
                break;
            case ModelParameterKind.Boolean:
                schema["type"] = "boolean";
                break;
            case ModelParameterKind.IntegerList:
                schema["type"] = "array";
                schema["items"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 };
                if (parameter.NonEmpty) schema["minItems"] = 1;
                break;
            default:
                schema["type"] = "string";
                if (parameter.Choices is { } choices) schema["enum"] = Strings(choices);
                else if (parameter.Pattern is { } pattern) schema["pattern"] = pattern;
                else schema["minLength"] = 1;
                break;
        }

        schema["default"] = JsonValue(parameter.Default);
        return schema;
    }

    private static JsonNode? JsonValue(object? value) => value switch
    {
        null => null,
        IEnumerable<int> list => new JsonArray([.. list.Select(i => (JsonNode)i)]),
        int i => i,
        double d => d,
        bool b => b,
        _ => $"{value}",
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);

    private static (string Name, string Kind, string Default, string Rule) Row(ModelParameter parameter) =>
        (parameter.Name, KindText(parameter.Kind), $"`{DefaultText(parameter.Default)}`", RuleText(parameter));

    private static string KindText(ModelParameterKind kind) => kind switch
    {
        ModelParameterKind.IntegerList => "list of integers",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string DefaultText(object? value) => value switch
    {
        IEnumerable list and not string => $"[{string.Join(", ", list.Cast<object>())}]",
        double d => d.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant(),
        bool b => b ? "true" : "false",
        _ => $"{value}",
    };

    private static string RuleText(ModelParameter p) => p.Kind switch
    {
        ModelParameterKind.Integer or ModelParameterKind.Number when p.ExclusiveMaximum is { } high =>
            FormattableString.Invariant($"in [{p.Minimum}, {high})"),
        ModelParameterKind.Integer or ModelParameterKind.Number when p.Minimum is { } low =>
            FormattableString.Invariant($"≥ {low}"),
        ModelParameterKind.IntegerList => p.NonEmpty ? "non-empty, each ≥ 1" : "each ≥ 1 (may be empty)",
        ModelParameterKind.Text when p.Choices is { } choices =>
            "one of " + string.Join(", ", choices.Select(c => $"`{c}`")),
        ModelParameterKind.Text when p.PatternText is { } text => text,
        ModelParameterKind.Text => "non-empty",
        _ => "",
    };
}
