namespace RecSharp.Cli.Plots;

/// <summary>One line of a panel: a name for the legend and its points (epochs counted from 1).</summary>
/// <param name="Name">The legend text.</param>
/// <param name="Epochs">The x values.</param>
/// <param name="Values">The y values, finite.</param>
public sealed record CurveSeries(string Name, IReadOnlyList<double> Epochs, IReadOnlyList<double> Values);
