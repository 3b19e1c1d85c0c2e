using RecSharp.Features;

namespace RecSharp.Data.Configuration;

/// <summary>
/// One prediction task and how its label is derived from a column (as fitted, a <c>FittedTask</c>, which maps the
/// labels).
/// </summary>
public record TaskConfig
{
    /// <summary>The task name, unique among tasks.</summary>
    public required string Name { get; init; }

    /// <summary>Binary or regression.</summary>
    public required TaskType Type { get; init; }

    /// <summary>The column holding the raw label; it may also be a column that no feature reads.</summary>
    public required string Label { get; init; }

    /// <summary>
    /// For binary tasks: the raw values that mean 1. Without <see cref="Negative"/>, every other value means 0 (the
    /// values so mapped are counted in <c>TransformStatistics.LabelsMappedToZero</c>).
    /// </summary>
    public IReadOnlyList<string>? Positive { get; init; }

    /// <summary>
    /// For binary tasks with <see cref="Positive"/>: the raw values that mean 0. When given, a value in neither list
    /// makes the row bad.
    /// </summary>
    public IReadOnlyList<string>? Negative { get; init; }

    /// <summary>For binary tasks: the label is 1 when the numeric value is greater than this.</summary>
    public double? Threshold { get; init; }
}
