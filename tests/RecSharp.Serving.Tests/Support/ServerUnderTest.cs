using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using RecSharp.Serving.Http;

namespace RecSharp.Serving.Tests.Support;

/// <summary>A real <see cref="PredictionServer"/> on an ephemeral loopback port, and a client for it.</summary>
public sealed class ServerUnderTest : IAsyncDisposable
{
    private ServerUnderTest(PredictionServer server, StringWriter log)
    {
        Server = server;
        Log = log;
        Client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>The server.</summary>
    public PredictionServer Server { get; }

    /// <summary>What the server logged.</summary>
    public StringWriter Log { get; }

    /// <summary>A client whose base address is the server's.</summary>
    public HttpClient Client { get; }

    /// <summary>
    /// Starts a server for <paramref name="model"/> on 127.0.0.1 and a free port, with <paramref name="change"/>
    /// applied to its options.
    /// </summary>
    public static async Task<ServerUnderTest> StartAsync(string model,
        Func<ServerOptions, ServerOptions>? change = null)
    {
        var options = new ServerOptions { ModelPath = model, Host = "127.0.0.1", Port = 0 };
        var log = new StringWriter();
        return new ServerUnderTest(await PredictionServer.StartAsync(change?.Invoke(options) ?? options, log), log);
    }

    /// <summary>
    /// Posts <paramref name="body"/> to <paramref name="path"/>; returns the status and the parsed JSON answer.
    /// </summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(path, content);
        string text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Gets <paramref name="path"/> as JSON.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        string text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>
    /// The value of one sample of <c>/metrics</c> (e.g. <c>recsharp_scored_rows_total</c>), or null when absent.
    /// </summary>
    public async Task<double?> MetricAsync(string sample)
    {
        string text = await Client.GetStringAsync("/metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(sample + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(sample.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>The scores of a prediction answer, rows × tasks, in the order of <paramref name="tasks"/>.</summary>
    public static double[,] Scores(JsonElement answer, IReadOnlyList<TaskInfo> tasks)
    {
        var rows = answer.GetProperty("predictions").EnumerateArray().ToArray();
        var scores = new double[rows.Length, tasks.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(tasks.Select(t => t.Name), rows[i].EnumerateObject().Select(p => p.Name));
            for (int t = 0; t < tasks.Count; t++) scores[i, t] = rows[i].GetProperty(tasks[t].Name).GetDouble();
        }
        return scores;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
