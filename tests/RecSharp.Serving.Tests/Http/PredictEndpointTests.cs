using System.Net;
using RecSharp.Serving.Tests.Support;

namespace RecSharp.Serving.Tests.Http;

/// <summary><c>POST /v1/predict</c> and the endpoints around it, on a real Kestrel.</summary>
[Collection(TrainedRunsCollection.Name)]
public sealed class PredictEndpointTests(TrainedRuns runs)
{
    private static readonly string[] Labels = ["click", "spend"];

    [Fact]
    public async Task OneRequestOfEveryRowScoresExactlyWhatRecsharpPredictWrites()
    {
        var expected = ScoreFiles.Predict(runs.RunA, runs.DataPath);
        await using var server = await ServerUnderTest.StartAsync(runs.RunA, o => o with { MaxBatch = 1024 });

        var (status, answer) = await server.PostAsync("/v1/predict", ServingData.AsJson(runs.Rows));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, ServerUnderTest.Scores(answer, server.Server.Model.Tasks));
        string hash = Export.ModelHash.OfFile(Path.Combine(runs.RunA, "model.safetensors"));
        Assert.Equal(hash, answer.GetProperty("model").GetString());
    }

    [Theory]
    [InlineData("torch", 1e-6)]
    [InlineData("onnx", 1e-5)]
    public async Task ConcurrentOneRowRequestsAreBatchedAndEachGetsItsOwnRow(string backend, double tolerance)
    {
        // Within a batch of other rows, libtorch's float32 products may differ from the file's in the last bit.
        var expected = ScoreFiles.Predict(runs.RunA, runs.DataPath);
        await using var server = await ServerUnderTest.StartAsync(runs.RunA,
            o => o with { Backend = backend == "onnx" ? PredictorBackend.Onnx : PredictorBackend.Torch });
        const int clients = 16, each = 25;

        var answers = await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var scores = new List<(int Row, double[,] Scores)>();
            for (int k = 0; k < each; k++)
            {
                int row = client * each + k;
                var (status, answer) = await server.PostAsync("/v1/predict", ServingData.AsJson([runs.Rows[row]]));
                Assert.Equal(HttpStatusCode.OK, status);
                scores.Add((row, ServerUnderTest.Scores(answer, server.Server.Model.Tasks)));
            }
            return scores;
        })));

        foreach (var (row, scores) in answers.SelectMany(a => a))
            ScoreFiles.AssertClose(ScoreFiles.Row(expected, row), scores, tolerance);
        Assert.Equal(clients * each, await server.MetricAsync("recsharp_scored_rows_total"));
        Assert.Equal(clients * each, await server.MetricAsync("recsharp_batch_rows_sum"));
        double? batches = await server.MetricAsync("recsharp_batch_rows_count");
        Assert.True(batches <= clients * each);
        foreach (string stage in new[] { "read", "encode", "queue", "write" })
        {
            string count = $"recsharp_predict_stage_seconds_count{{stage=\"{stage}\"}}";
            Assert.Equal(clients * each, await server.MetricAsync(count));
        }
        Assert.Equal(batches, await server.MetricAsync("recsharp_predict_stage_seconds_count{stage=\"score\"}"));
    }

    [Fact]
    public async Task UnseenCategoriesAreCountedByFeatureAndLabelsAreNotNeeded()
    {
        await using var server = await ServerUnderTest.StartAsync(runs.RunA);
        string body = """{"rows": [{"user": "nobody", "item": "i1", "price": 2.5, "tags": "t1|t404|t2"}]}""";

        var (status, answer) = await server.PostAsync("/v1/predict", body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(answer.GetProperty("predictions").EnumerateArray());
        Assert.Equal(1, await server.MetricAsync("recsharp_unseen_values_total{feature=\"user\"}"));
        Assert.Equal(1, await server.MetricAsync("recsharp_unseen_values_total{feature=\"tags\"}"));
        Assert.Equal(1, await server.MetricAsync("recsharp_unseen_values_total{feature=\"price_level\"}"));
        // A hashed feature has no vocabulary: every value has a bucket.
        Assert.Null(await server.MetricAsync("recsharp_unseen_values_total{feature=\"item\"}"));
    }

    [Fact]
    public async Task AnEmptyListOfRowsHasNoPredictions()
    {
        await using var server = await ServerUnderTest.StartAsync(runs.RunA);

        var (status, answer) = await server.PostAsync("/v1/predict", """{"rows": []}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(answer.GetProperty("predictions").EnumerateArray());
    }

    [Fact]
    public async Task TheServiceEndpointsSayWhatIsServed()
    {
        await using var server = await ServerUnderTest.StartAsync(runs.RunA);
        string hash = server.Server.Model.Hash;

        var health = await server.GetAsync("/healthz");
        var ready = await server.GetAsync("/readyz");
        var (status, model) = await server.GetAsync("/v1/model");
        using var metrics = await server.Client.GetAsync("/metrics");

        Assert.Equal((HttpStatusCode.OK, "alive"), (health.Status, health.Body.GetProperty("status").GetString()));
        Assert.Equal((HttpStatusCode.OK, hash), (ready.Status, ready.Body.GetProperty("model").GetString()));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ple", model.GetProperty("type").GetString());
        Assert.Equal(hash, model.GetProperty("hash").GetString());
        Assert.Equal("torch", model.GetProperty("backend").GetString());
        Assert.Equal(Labels, model.GetProperty("tasks").EnumerateArray().Select(t => Text(t, "name")));
        var features = model.GetProperty("features").EnumerateArray()
            .Select(f => (Text(f, "name"), Text(f, "kind"), Text(f, "column")));
        Assert.Equal([("user", "sparse", "user"), ("item", "hashed", "item"), ("price", "dense", "price"),
            ("price_level", "sparse", "price"), ("tags", "sequence", "tags")], features);
        Assert.True(model.TryGetProperty("created_utc", out _));
        Assert.StartsWith("text/plain", metrics.Content.Headers.ContentType!.ToString());
        Assert.Contains("recsharp_http_requests_total{endpoint=\"readyz\",status=\"200\"} 1",
            await metrics.Content.ReadAsStringAsync());
    }

    private static string? Text(System.Text.Json.JsonElement element, string name) =>
        element.GetProperty(name).GetString();
}
