namespace RecSharp.Cli.Plots;

/// <summary>One panel of the learning curves: a title, the y axis label and its lines.</summary>
/// <param name="Title">The panel title.</param>
/// <param name="YLabel">The y axis label.</param>
/// <param name="Series">The lines, each in the legend.</param>
public sealed record CurvePanel(string Title, string YLabel, IReadOnlyList<CurveSeries> Series);
