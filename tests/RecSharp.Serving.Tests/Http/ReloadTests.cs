using System.Collections.Concurrent;
using System.Net;
using RecSharp.Serving.Tests.Support;

namespace RecSharp.Serving.Tests.Http;

/// <summary>
/// Reloading swaps the model atomically: no request fails, and a model that does not load is not swapped in.
/// </summary>
[Collection(TrainedRunsCollection.Name)]
public sealed class ReloadTests(TrainedRuns runs)
{
    [Fact]
    public async Task AReloadUnderLoadFailsNoRequestAndEachAnswerComesFromOneModel()
    {
        string folder = runs.CopyOf(runs.RunA);
        using var a = Predictor.Load(runs.RunA);
        using var b = Predictor.Load(runs.RunB);
        var rows = runs.Rows.Take(40).Select(ServingData.AsDictionary).ToArray();
        var expected = new Dictionary<string, double[,]>
        {
            [a.Info.Hash] = a.Predict(rows),
            [b.Info.Hash] = b.Predict(rows),
        };
        await using var server = await ServerUnderTest.StartAsync(folder);
        var answers = new ConcurrentBag<(int Row, HttpStatusCode Status, string? Model, double[,]? Scores)>();
        int sent = 0;
        using var stop = new CancellationTokenSource();

        async Task Client(int client)
        {
            for (int k = 0; k < 400 && !stop.IsCancellationRequested; k++)
            {
                int row = (client * 7 + k) % rows.Length;
                var (status, answer) = await server.PostAsync("/v1/predict", ServingData.AsJson([runs.Rows[row]]));
                answers.Add(status == HttpStatusCode.OK
                    ? (row, status, answer.GetProperty("model").GetString(),
                        ServerUnderTest.Scores(answer, server.Server.Model.Tasks))
                    : (row, status, answer.ToString(), null));
                Interlocked.Increment(ref sent);
            }
        }

        var clients = Enumerable.Range(0, 8).Select(c => Task.Run(() => Client(c))).ToArray();
        await WaitUntil(() => Volatile.Read(ref sent) >= 40);
        ReplaceModel(folder, runs.RunB);
        var (reloadStatus, reload) = await server.PostAsync("/v1/reload", "");
        int atReload = Volatile.Read(ref sent);
        await WaitUntil(() => Volatile.Read(ref sent) >= atReload + 40);
        stop.Cancel();
        await Task.WhenAll(clients);

        Assert.Equal(HttpStatusCode.OK, reloadStatus);
        Assert.Equal(b.Info.Hash, reload.GetProperty("model").GetString());
        Assert.Equal(a.Info.Hash, reload.GetProperty("previous").GetString());
        Assert.All(answers, x => Assert.True(x.Status == HttpStatusCode.OK, $"{x.Status}: {x.Model}"));
        Assert.Equal(new[] { a.Info.Hash, b.Info.Hash }.Order(), answers.Select(x => x.Model!).Distinct().Order());
        foreach (var answer in answers)
        {
            ScoreFiles.AssertClose(ScoreFiles.Row(expected[answer.Model!], answer.Row), answer.Scores!, 1e-6);
        }
        var (_, after) = await server.PostAsync("/v1/predict", ServingData.AsJson([runs.Rows[0]]));
        Assert.Equal(b.Info.Hash, after.GetProperty("model").GetString());
    }

    [Fact]
    public async Task AModelThatFailsToLoadLeavesTheOldOneServingAndIsReported()
    {
        string folder = runs.CopyOf(runs.RunA);
        await using var server = await ServerUnderTest.StartAsync(folder);
        string hash = server.Server.Model.Hash;
        string model = Path.Combine(folder, "model.safetensors");
        File.WriteAllText(model, "not a model any more");

        var (status, answer) = await server.PostAsync("/v1/reload", "");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains(model, answer.GetProperty("error").GetString());
        Assert.Equal(hash, answer.GetProperty("model").GetString());
        var (predictStatus, predicted) = await server.PostAsync("/v1/predict", ServingData.AsJson([runs.Rows[0]]));
        Assert.Equal((HttpStatusCode.OK, hash), (predictStatus, predicted.GetProperty("model").GetString()));
        Assert.Equal(1, await server.MetricAsync("recsharp_model_reloads_total{result=\"failed\"}"));
        Assert.Contains($"reload failed, still serving {hash}: {model}", server.Log.ToString());
    }

    [Fact]
    public async Task WatchingReloadsWhenTheRunsFilesChange()
    {
        string folder = runs.CopyOf(runs.RunA);
        await using var server = await ServerUnderTest.StartAsync(folder,
            o => o with { Watch = true, WatchInterval = TimeSpan.FromMilliseconds(50) });
        string before = server.Server.Model.Hash;

        ReplaceModel(folder, runs.RunB);
        string expected = Export.ModelHash.OfFile(Path.Combine(runs.RunB, "model.safetensors"));
        await WaitUntil(() => server.Server.Model.Hash == expected);

        var (_, model) = await server.GetAsync("/v1/model");
        Assert.Equal(expected, model.GetProperty("hash").GetString());
        Assert.Contains($"reloaded: serving {expected} (was {before})", server.Log.ToString());
    }

    // Puts another run's model file in place whole, as a new file moved over the old one.
    private static void ReplaceModel(string folder, string from)
    {
        string target = Path.Combine(folder, "model.safetensors");
        File.Copy(Path.Combine(from, "model.safetensors"), target + ".new");
        File.Move(target + ".new", target, overwrite: true);
    }

    // Polls a condition a bounded number of times; the bound only keeps a broken build from hanging.
    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 1200 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition(), "the condition did not come true within a minute");
    }
}
