using System.Net;
using System.Text;
using RecSharp.Serving.Tests.Support;

namespace RecSharp.Serving.Tests.Http;

/// <summary>
/// What a client sends wrong is answered 400, 413 or 503 with a JSON reason, and the server goes on serving.
/// </summary>
[Collection(TrainedRunsCollection.Name)]
public sealed class BadRequestTests(TrainedRuns runs)
{
    private const string Valid = """{"user": "u1", "item": "i2", "price": 1.5, "tags": "t1|t2"}""";

    [Theory]
    [InlineData("not json", "the body is not JSON")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("""{"row": []}""", "\"rows\" is an array")]
    [InlineData("""{"rows": {}}""", "\"rows\" is an array")]
    [InlineData("""{"rows": [1""", "the body is not JSON")]
    public async Task ABodyThatIsNotRowsIsAnswered400(string body, string reason)
    {
        await using var server = await ServerUnderTest.StartAsync(runs.RunA);

        var (status, answer) = await server.PostAsync("/v1/predict", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(reason, answer.GetProperty("error").GetString());
        await AssertStillServes(server);
    }

    [Theory]
    [InlineData("""[VALID, 7]""", 1, null, "not a JSON object")]
    [InlineData("""[VALID, {"user": "u1", "item": "i2", "tags": "t1"}]""", 1, "price", "the field is missing")]
    [InlineData("""[{"user": "u1", "item": "i2", "price": "cheap", "tags": "t1"}]""", 0, "price", "expected a number")]
    [InlineData("""[VALID, VALID, {"user": true, "item": "i2", "price": 1, "tags": "t1"}]""", 2, "user",
        "true is not a value")]
    [InlineData("""[{"user": "u1", "item": {"id": 2}, "price": 1, "tags": "t1"}]""", 0, "item",
        "an object is not a value")]
    [InlineData("""[{"user": "u1", "item": "i2", "price": 1, "tags": ["t1"]}]""", 0, "tags", "an array is not a value")]
    [InlineData("""[{"user": "u1", "item": "i2", "price": 1e999, "tags": "t1"}]""", 0, "price",
        "1e999 is not a finite number")]
    [InlineData("""[{"user": "u1", "user": "u2", "item": "i2", "price": 1, "tags": "t1"}]""", 0, "user",
        "appears twice")]
    public async Task ARowThatCannotBeScoredIsAnswered400NamingTheRowAndTheField(string rows, int row, string? field,
        string reason)
    {
        await using var server = await ServerUnderTest.StartAsync(runs.RunA);

        string body = $$"""{"rows": {{rows.Replace("VALID", Valid, StringComparison.Ordinal)}}}""";

        var (status, answer) = await server.PostAsync("/v1/predict", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(reason, answer.GetProperty("error").GetString());
        Assert.Equal(row, answer.GetProperty("row").GetInt32());
        Assert.Equal(field, answer.TryGetProperty("field", out var f) ? f.GetString() : null);
        await AssertStillServes(server);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABodyOverTheLimitIsAnswered413WithOrWithoutItsLength(bool declaresLength)
    {
        await using var server = await ServerUnderTest.StartAsync(runs.RunA, o => o with { MaxBodyBytes = 2_000 });
        byte[] body = Encoding.UTF8.GetBytes(ServingData.AsJson(runs.Rows.Take(40)));
        using var content = declaresLength
            ? (HttpContent)new ByteArrayContent(body)
            : new StreamContent(new UnsizedStream(body));

        using var response = await server.Client.PostAsync("/v1/predict", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 2000 bytes", await response.Content.ReadAsStringAsync());
        await AssertStillServes(server);
    }

    [Fact]
    public async Task MoreRowsThanTheLimitAreAnswered413()
    {
        await using var server = await ServerUnderTest.StartAsync(runs.RunA, o => o with { MaxRows = 10 });

        var (status, answer) = await server.PostAsync("/v1/predict", ServingData.AsJson(runs.Rows.Take(11)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("holds 11 rows; at most 10", answer.GetProperty("error").GetString());
        var (statusAtLimit, _) = await server.PostAsync("/v1/predict", ServingData.AsJson(runs.Rows.Take(10)));
        Assert.Equal(HttpStatusCode.OK, statusAtLimit);
    }

    [Fact]
    public async Task WhenTheQueueIsFullRequestsAreAnswered503AndTheOthersAreScored()
    {
        // A queue of one row with one-row batches: while a row is scored, at most one more may wait.
        await using var server = await ServerUnderTest.StartAsync(runs.RunA,
            o => o with { MaxBatch = 1, MaxRows = 1, MaxQueueRows = 1 });
        var expected = ScoreFiles.Predict(runs.RunA, runs.DataPath);

        var answers = await Task.WhenAll(Enumerable.Range(0, 32 * 10).Select(i => Task.Run(async () =>
        {
            int row = i % runs.Rows.Count;
            var (status, answer) = await server.PostAsync("/v1/predict", ServingData.AsJson([runs.Rows[row]]));
            if (status == HttpStatusCode.OK)
            {
                var scores = ServerUnderTest.Scores(answer, server.Server.Model.Tasks);
                ScoreFiles.AssertClose(ScoreFiles.Row(expected, row), scores, 1e-6);
            }
            else
            {
                Assert.Contains("the queue is full", answer.GetProperty("error").GetString());
            }
            return status;
        })));

        Assert.All(answers, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{s}"));
        Assert.Contains(HttpStatusCode.ServiceUnavailable, answers);
        Assert.Contains(HttpStatusCode.OK, answers);
        int scored = answers.Count(s => s == HttpStatusCode.OK);
        Assert.Equal(scored, await server.MetricAsync("recsharp_scored_rows_total"));
    }

    private async Task AssertStillServes(ServerUnderTest server) =>
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync("/v1/predict", $$"""{"rows": [{{Valid}}]}""")).Status);

    // A body whose length is not known beforehand, so the client sends it in chunks.
    private sealed class UnsizedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
