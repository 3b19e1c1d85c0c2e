using System.Text.Json;

namespace RecSharp.Bench.Tests.Support;

/// <summary>Checks that a benchmark's JSON report has every field, with sane values.</summary>
public static class ReportAssertions
{
    /// <summary>The report's JSON line: the first line of the output that starts with <c>{</c>.</summary>
    public static JsonDocument JsonLine(string output)
    {
        var line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith('{'));
        Assert.False(line is null, $"no JSON line in the output:\n{output}");
        return JsonDocument.Parse(line!);
    }

    /// <summary>Every field is present; throughputs, times, FLOPs and MFU are positive and finite; metrics are in
    /// range.</summary>
    public static void Complete(JsonElement r)
    {
        Text(r, "benchmark");
        Text(r, "model");
        Assert.True(r.GetProperty("dry_run").ValueKind is JsonValueKind.True or JsonValueKind.False,
            "dry_run is a boolean");

        var data = r.GetProperty("data");
        Text(data, "source");
        long trainRows = Positive(data, "train_rows");
        Positive(data, "test_rows");
        Positive(data, "input_width");
        var tasks = data.GetProperty("tasks").EnumerateArray().Select(t => t.GetString()!).ToArray();
        Assert.True(tasks.Length >= 2, "a multi-task model has at least two tasks");

        var settings = r.GetProperty("settings");
        Assert.Equal(1, settings.GetProperty("epochs").GetInt32());
        long batch = Positive(settings, "batch_size");
        Text(settings, "optimizer");
        long warmup = settings.GetProperty("warmup_batches").GetInt64();
        Assert.InRange(warmup, 0, trainRows / batch);
        Assert.Equal(1024, settings.GetProperty("predict_batch_size").GetInt32());
        long calls = Positive(settings, "latency_calls");

        var machine = r.GetProperty("machine");
        foreach (var field in new[] { "cpu", "os", "architecture", "dotnet", "torchsharp", "libtorch", "build",
            "timestamp_utc", "load_average" })
        {
            Text(machine, field);
        }
        Positive(machine, "logical_cores");
        Assert.Equal(1, machine.GetProperty("threads").GetInt32());

        var training = r.GetProperty("training");
        PositiveReal(training, "rows_per_second");
        // one epoch, warm-up steps excluded
        Assert.Equal(trainRows - warmup * batch, training.GetProperty("timed_rows").GetInt64());
        double timed = PositiveReal(training, "timed_seconds");
        Assert.True(PositiveReal(training, "fit_seconds") >= timed,
            "the fit takes at least as long as its timed steps");
        PositiveReal(training, "mfu");

        var prediction = r.GetProperty("prediction");
        Assert.Equal(1024, prediction.GetProperty("batch_size").GetInt32());
        PositiveReal(prediction, "rows_per_second");
        PositiveReal(prediction, "mfu");
        Assert.Equal(calls, prediction.GetProperty("latency_calls").GetInt64());
        double p50 = PositiveReal(prediction, "latency_p50_ms");
        Assert.True(PositiveReal(prediction, "latency_p99_ms") >= p50, "p99 is at least p50");
        PositiveReal(prediction, "latency_mean_ms");

        var flops = r.GetProperty("flops");
        long forward = Positive(flops, "forward_per_row");
        Assert.Equal(3 * forward, flops.GetProperty("training_per_row").GetInt64());
        Assert.Equal(forward,
            new[] { "experts", "gates", "mixing", "towers" }.Sum(p => flops.GetProperty(p).GetInt64()));
        double peak = PositiveReal(flops, "peak_gflops");
        Assert.True(PositiveReal(flops, "median_gflops") <= peak, "the median run is not faster than the best");
        Text(flops, "peak_shape");
        Positive(flops, "peak_runs");

        PositiveReal(r, "peak_working_set_mib");

        var metrics = r.GetProperty("test_metrics");
        Assert.Equal(tasks, metrics.EnumerateObject().Select(p => p.Name).ToArray());
        foreach (var task in metrics.EnumerateObject())
        {
            foreach (var metric in task.Value.EnumerateObject())
            {
                double value = metric.Value.GetDouble();
                Assert.True(double.IsFinite(value), $"{task.Name} {metric.Name} is {value}");
                if (metric.Name == "auc") Assert.InRange(value, 0, 1);
                else Assert.True(value > 0, $"{task.Name} {metric.Name} is {value}");
            }
        }
    }

    private static string Text(JsonElement e, string name)
    {
        string? value = e.GetProperty(name).GetString();
        Assert.False(string.IsNullOrWhiteSpace(value), $"{name} is empty");
        return value!;
    }

    private static long Positive(JsonElement e, string name)
    {
        long value = e.GetProperty(name).GetInt64();
        Assert.True(value > 0, $"{name} is {value}");
        return value;
    }

    private static double PositiveReal(JsonElement e, string name)
    {
        double value = e.GetProperty(name).GetDouble();
        Assert.True(value > 0 && double.IsFinite(value), $"{name} is {value}");
        return value;
    }
}
