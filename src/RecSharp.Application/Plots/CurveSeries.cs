namespace RecSharp.Application.Plots;

/// <summary>
/// One line of a panel: a name for the legend and its points (epochs counted from 1, a point within an epoch at its
/// fraction).
/// </summary>
/// <param name="Name">The legend text.</param>
/// <param name="Epochs">The x values: epochs done, fractions within one included.</param>
/// <param name="Values">The y values, finite.</param>
/// <param name="Markers">Whether each point gets a marker (not for a line of hundreds of per-batch points).</param>
internal sealed record CurveSeries(string Name, IReadOnlyList<double> Epochs, IReadOnlyList<double> Values,
    bool Markers = true);
