using RecSharp.Inputs;
using RecSharp.Persistence;
using RecSharp.Serving.Rows;
using RecSharp.Serving.Tests.Support;

namespace RecSharp.Serving.Tests.Predicting;

/// <summary>
/// The in-process <see cref="Predictor"/>: raw rows through the run's fitted preprocessing, typed inputs, both
/// backends.
/// </summary>
[Collection(TrainedRunsCollection.Name)]
public sealed class PredictorTests(TrainedRuns runs)
{
    private IReadOnlyDictionary<string, object?>[] RawRows => runs.Rows.Select(ServingData.AsDictionary).ToArray();

    [Fact]
    public void RawRowsScoreExactlyWhatRecsharpPredictWrites()
    {
        var expected = ScoreFiles.Predict(runs.RunA, runs.DataPath);
        using var predictor = Predictor.Load(runs.RunA);

        var scores = predictor.Predict(RawRows);

        Assert.Equal(expected, scores);
        Assert.Equal(["click", "spend"], predictor.Info.Tasks.Select(t => t.Name));
        Assert.Equal(ModelHash(runs.RunA), predictor.Info.Hash);
    }

    [Fact]
    public void TypedInputsScoreExactlyWhatTheModelPredicts()
    {
        var (model, _) = ModelArtifact.Load(Path.Combine(runs.RunA, "model.safetensors"));
        using var _model = model;
        var inputs = new Dictionary<string, Array>
        {
            ["user"] = new[] { 0, 3, 12 },
            ["item"] = new[] { 5, 0, 15 },
            ["price"] = new[] { 0.5f, 0f, 1f },
            ["price_level"] = new[] { 1, 2, 0 },
            ["tags"] = new[,] { { 1, 2, 0 }, { 0, 0, 0 }, { 9, 9, 9 } },
        };
        using var predictor = Predictor.Load(runs.RunA);

        Assert.Equal(model.Predict(inputs), predictor.Predict(inputs));
        var outOfRange = new Dictionary<string, Array>(inputs) { ["user"] = new[] { 0, 3, 99 } };
        var error = Assert.Throws<InputValidationException>(() => predictor.Predict(outOfRange));
        Assert.Contains("\"user\", row 2", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheOnnxBackendScoresWhatLibtorchScores(bool exportedFile)
    {
        using var torch = Predictor.Load(runs.RunA);
        using var onnx = exportedFile
            ? Predictor.Load(runs.OnnxPath)
            : Predictor.Load(runs.RunA, new PredictorOptions { Backend = PredictorBackend.Onnx });

        ScoreFiles.AssertClose(torch.Predict(RawRows), onnx.Predict(RawRows), 1e-5);
        Assert.Equal(PredictorBackend.Onnx, onnx.Info.Backend);
        Assert.Equal(torch.Info.Hash, onnx.Info.Hash);
        Assert.Equal(torch.Info.Features, onnx.Info.Features);
    }

    [Fact]
    public void ThreadsScoringAtOnceGetTheScoresOfOneThread()
    {
        using var predictor = Predictor.Load(runs.RunA);
        var rows = RawRows;
        var alone = Enumerable.Range(0, 8).Select(k => predictor.Predict(rows.Skip(k * 50).Take(50).ToArray()))
            .ToArray();

        var together = new double[8][,];
        Parallel.For(0, 8 * 10, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var scores = predictor.Predict(rows.Skip(i % 8 * 50).Take(50).ToArray());
            Assert.Equal(alone[i % 8], scores);
            together[i % 8] = scores;
        });

        Assert.All(together, Assert.NotNull);
    }

    [Theory]
    [InlineData("price", "x", 3, "price", "expected a number, got the string \"x\"")]
    [InlineData("price", double.PositiveInfinity, 3, "price", "is not a finite number")]
    [InlineData("user", true, 3, "user", "true is not a value of the training data")]
    [InlineData("tags", null, 3, null, null)]
    public void ARowThatCannotBeScoredIsNamedWithItsField(string field, object? value, int row, string? named,
        string? problem)
    {
        using var predictor = Predictor.Load(runs.RunA);
        var rows = RawRows.Take(5).Select(r => new Dictionary<string, object?>(r)).ToArray();
        rows[row][field] = value;

        if (named is null)
        {
            Assert.Equal(5, predictor.Predict(rows).GetLength(0));                 // null is a missing value
            return;
        }
        var error = Assert.Throws<InvalidRowException>(() => predictor.Predict(rows));
        Assert.Equal(row, error.Row);
        Assert.Equal(named, error.Field);
        Assert.Contains(problem!, error.Message);
        Assert.StartsWith($"row {row}, field \"{named}\": ", error.Message);
    }

    [Fact]
    public void ARowWithoutAFieldIsRefusedButLabelsAreNotNeeded()
    {
        using var predictor = Predictor.Load(runs.RunA);
        var rows = RawRows.Take(3).Select(r => r.Where(p => p.Key is not ("click" or "spend")).ToDictionary())
            .ToArray();
        Assert.Equal(3, predictor.Predict(rows).GetLength(0));

        rows[1].Remove("item");
        var error = Assert.Throws<InvalidRowException>(() => predictor.Predict(rows));

        Assert.Equal((1, "item"), (error.Row!.Value, error.Field));
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void WhatCannotBeLoadedIsNamed()
    {
        string empty = Directory.CreateDirectory(Path.Combine(runs.Folder, $"empty-{Guid.NewGuid():N}")).FullName;
        var noModel = Assert.Throws<FileNotFoundException>(() => Predictor.Load(empty));
        Assert.Contains(empty, noModel.Message);

        var torchOnnx = Assert.Throws<ModelArtifactException>(() =>
            Predictor.Load(runs.OnnxPath, new PredictorOptions { Backend = PredictorBackend.Torch }));
        Assert.Contains("onnx backend only", torchOnnx.Message);

        string broken = Path.Combine(empty, "broken.onnx");
        File.WriteAllText(broken, "not a model");
        var notOnnx = Assert.Throws<ModelArtifactException>(() => Predictor.Load(broken));
        Assert.StartsWith(broken, notOnnx.Message);
    }

    private static string ModelHash(string run) => Export.ModelHash.OfFile(Path.Combine(run, "model.safetensors"));
}
