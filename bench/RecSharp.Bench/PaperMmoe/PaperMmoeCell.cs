using System.Text.Json.Serialization;

namespace RecSharp.Bench.PaperMmoe;

/// <summary>The final test MSE of one task of one model at one correlation, over the repeats.</summary>
/// <param name="Model">The model as an experiment file names it, e.g. <c>sharedbottom</c>.</param>
/// <param name="Correlation">The task correlation p.</param>
/// <param name="Task">The task's index: 0 for <c>y1</c>, 1 for <c>y2</c>.</param>
/// <param name="MseMean">The mean over the repeats.</param>
/// <param name="MseStd">The sample standard deviation over the repeats (n − 1 in the denominator).</param>
/// <param name="Runs">The number of repeats.</param>
internal sealed record PaperMmoeCell(
    string Model,
    double Correlation,
    int Task,
    [property: JsonPropertyName("mse_mean")] double MseMean,
    [property: JsonPropertyName("mse_std")] double MseStd,
    int Runs);
