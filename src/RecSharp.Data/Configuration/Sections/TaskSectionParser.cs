using RecSharp.Data.Configuration.Yaml;
using RecSharp.Features;

namespace RecSharp.Data.Configuration.Sections;

/// <summary>Reads and validates the <c>tasks</c> list.</summary>
internal static class TaskSectionParser
{
    private static readonly string[] Keys = ["name", "type", "label", "positive", "negative", "threshold"];

    public static IReadOnlyList<TaskConfig> Parse(YamlSection root, DataConfig data)
        => NamedEntries.Parse(root, "tasks", "task", Keys, section => ParseTask(section, data), t => t.Name);

    private static TaskConfig ParseTask(YamlSection section, DataConfig data)
    {
        var name = section.RequiredString("name");
        var type = section.AsEnum<TaskType>(section.Required("type"), section.Qualified("type"));
        var label = section.RequiredString("label");
        var positive = section.StringList("positive");
        var negative = section.StringList("negative");
        var threshold = section.Double("threshold");

        if (positive is not null && threshold is not null)
        {
            throw section.ErrorAt("threshold", $"task '{name}' gives both 'positive' and 'threshold'; choose one");
        }

        if (type == TaskType.Regression && (positive is not null || negative is not null || threshold is not null))
        {
            var key = positive is not null ? "positive" : negative is not null ? "negative" : "threshold";
            throw section.ErrorAt(key, $"task '{name}' is a regression; '{key}' applies only to binary tasks");
        }

        foreach (var (key, list) in new[] { ("positive", positive), ("negative", negative) })
        {
            if (list is { Count: 0 })
            {
                throw section.ErrorAt(key, $"'{section.Qualified(key)}' must list at least one value");
            }
        }

        if (negative is not null && positive is null)
        {
            throw section.ErrorAt("negative", $"task '{name}' gives 'negative' without 'positive'; list both");
        }

        var both = negative?.FirstOrDefault(v => positive!.Contains(v, StringComparer.Ordinal));
        if (both is not null)
        {
            throw section.ErrorAt("negative", $"task '{name}' lists '{both}' as both positive and negative");
        }

        if (data.Columns is { } columns && !columns.Contains(label, StringComparer.Ordinal))
        {
            throw section.ErrorAt("label", $"label column '{label}' of task '{name}' is not in 'data.columns'");
        }

        return new TaskConfig
        {
            Name = name, Type = type, Label = label, Positive = positive, Negative = negative, Threshold = threshold,
        };
    }
}
