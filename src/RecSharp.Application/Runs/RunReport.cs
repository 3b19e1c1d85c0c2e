using System.Text.Json;
using System.Text.Json.Nodes;
using RecSharp.Application.Preparation;
using RecSharp.Data.Configuration;
using RecSharp.Models;
using RecSharp.Training;

namespace RecSharp.Application.Runs;

/// <summary>The content of a run's <c>report.json</c>.</summary>
internal static class RunReport
{
    /// <summary>
    /// The report: model, source, row counts (the rows trained on, the validation rows and the test rows, apart, as
    /// <c>recsharp train</c> prints them when it starts), skipped rows, the training settings in effect (<see
    /// cref="EffectiveTraining"/>), per-epoch history, test metrics, the categorical values of the validation and test
    /// rows not in the training vocabulary (per feature), the training label values that binary tasks listing only
    /// positive values read as 0 (per task), and timings. Undefined values (NaN) are written as null.
    /// </summary>
    public static JsonObject Build(PreparedData data, ModelConfig modelConfig, MultiTaskModel model,
        TrainingConfig training, History history, IReadOnlyDictionary<string, double> testMetrics, double trainSeconds,
        double totalSeconds) => new()
    {
        ["model"] = modelConfig.Type.Name,
        ["source"] = data.Source,
        ["rows"] = new JsonObject
        {
            ["train"] = data.TrainRows,
            ["validation"] = data.Validation.RowCount,
            ["test"] = data.TestRows,
        },
        ["streamed"] = data.Streamed is not null,
        ["skipped_rows"] = data.BadRows is null ? 0 : data.BadRows.SkippedCount,
        ["skipped_row_lines"] = data.BadRows is null ? new JsonArray()
            : new JsonArray(data.BadRows.FirstLineNumbers.Select(l => (JsonNode?)l).ToArray()),
        ["training"] = EffectiveTraining.Describe(model, training),
        ["history"] = JsonSerializer.SerializeToNode(
            history.Values.ToDictionary(kv => kv.Key, kv => kv.Value.Select(Finite).ToArray())),
        ["test_metrics"] = JsonSerializer.SerializeToNode(
            testMetrics.ToDictionary(kv => kv.Key, kv => Finite(kv.Value))),
        ["unseen_values"] = new JsonObject
        {
            ["validation"] = JsonSerializer.SerializeToNode(data.UnseenInValidation),
            ["test"] = JsonSerializer.SerializeToNode(data.UnseenInTest),
        },
        ["labels_read_as_zero"] = JsonSerializer.SerializeToNode(data.LabelsReadAsZero),
        ["timings_seconds"] = new JsonObject { ["train"] = trainSeconds, ["total"] = totalSeconds },
    };

    /// <summary>The report as indented UTF-8 JSON.</summary>
    public static byte[] ToUtf8(JsonObject report) =>
        JsonSerializer.SerializeToUtf8Bytes(report, new JsonSerializerOptions { WriteIndented = true });

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
