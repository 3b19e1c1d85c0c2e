namespace RecSharp.Application.Plots;

/// <summary>One panel of the learning curves: a title, the y axis label, its lines and its quantity's range.</summary>
/// <param name="Title">The panel title.</param>
/// <param name="YLabel">The y axis label.</param>
/// <param name="Series">The lines, each in the legend.</param>
/// <param name="Lowest">
/// The least value the quantity can take (0 for losses, errors and AUC): the y axis never goes below it.
/// </param>
/// <param name="Highest">
/// The greatest value the quantity can take (1 for AUC and accuracy): the y axis never goes above it.
/// </param>
internal sealed record CurvePanel(string Title, string YLabel, IReadOnlyList<CurveSeries> Series, double Lowest = 0,
    double Highest = double.PositiveInfinity);
