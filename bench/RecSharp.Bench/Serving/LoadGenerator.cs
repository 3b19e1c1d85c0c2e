using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace RecSharp.Bench.Serving;

/// <summary>
/// A bounded load on one server over loopback: a fixed number of clients, each sending its next request when the
/// last is answered, until a fixed number of requests is sent or a time limit passes.
/// </summary>
internal sealed class LoadGenerator(Uri server, int concurrency) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency })
    {
        BaseAddress = server,
        Timeout = TimeSpan.FromMinutes(1),
    };

    /// <summary>
    /// Sends up to <paramref name="requests"/> of <paramref name="bodies"/> (in turn) within <paramref name="limit"/>.
    /// </summary>
    public async Task<(double[] LatenciesMs, int Failed, string? FirstFailure, double Seconds)> RunAsync(
        byte[][] bodies, int requests, TimeSpan limit)
    {
        int next = -1, failed = 0;
        string? firstFailure = null;
        long start = Stopwatch.GetTimestamp();
        async Task<List<double>> Client()
        {
            var latencies = new List<double>();
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests && Stopwatch.GetElapsedTime(start) < limit)
            {
                long sent = Stopwatch.GetTimestamp();
                if (await SendAsync(bodies[i % bodies.Length]) is { } failure)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstFailure, failure, null);
                }
                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
            return latencies;
        }
        var all = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Client)));
        return (all.SelectMany(l => l).ToArray(), failed, firstFailure, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>
    /// The sum and count of a histogram in the server's <c>/metrics</c>, e.g. <c>recsharp_batch_rows</c>, or with
    /// <paramref name="labels"/> such as <c>{stage="score"}</c>; zeros when it has no samples yet.
    /// </summary>
    public async Task<(double Sum, double Count)> HistogramAsync(string name, string labels = "")
    {
        var lines = (await _client.GetStringAsync("/metrics")).Split('\n');
        double Sample(string suffix)
        {
            string prefix = $"{name}_{suffix}{labels} ";
            return lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
                .Select(l => double.Parse(l[prefix.Length..], CultureInfo.InvariantCulture)).FirstOrDefault();
        }
        return (Sample("sum"), Sample("count"));
    }

    // Null when the request is answered 200; otherwise what went wrong.
    private async Task<string?> SendAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await _client.PostAsync("/v1/predict", content);
            string answer = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK ? null : $"{(int)response.StatusCode} {answer}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"{e.GetType().Name}: {e.Message} {e.InnerException?.Message}";
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
