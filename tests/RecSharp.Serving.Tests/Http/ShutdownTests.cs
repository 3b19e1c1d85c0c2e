using System.Globalization;
using System.Net.Sockets;
using System.Text;
using RecSharp.Serving.Tests.Support;
using RecSharp.Tests.Shared;

namespace RecSharp.Serving.Tests.Http;

/// <summary>SIGTERM and SIGINT sent to a real <c>recsharp serve</c> while it answers a request.</summary>
[Collection(TrainedRunsCollection.Name)]
public sealed class ShutdownTests(TrainedRuns runs)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [SkippableTheory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task ASignalLetsTheRequestInFlightFinishThenExitsWithZero(string signal)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "sends signals with kill");
        Skip.If(signal == "INT" && IgnoresSigint(),
            "this process ignores SIGINT (a background job), and so would the child it starts");
        using var serve = new CliProcess("serve", "--model", runs.RunA, "--port", "0", "--threads", "1");
        string listening = await serve.LineAsync(l => l.StartsWith("Listening on ", StringComparison.Ordinal))
            .WaitAsync(Patience);
        var address = new Uri(listening.Split(' ')[2]);
        using var client = new HttpClient { BaseAddress = address };

        // Half a request: the server has begun answering it and waits for the rest of its body.
        byte[] body = Encoding.UTF8.GetBytes(ServingData.AsJson(runs.Rows.Take(3)));
        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        string length = body.Length.ToString(CultureInfo.InvariantCulture);
        string head = $"POST /v1/predict HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\n"
                      + $"Content-Length: {length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head).Concat(body.Take(body.Length / 2)).ToArray());
        async Task<bool> InFlight() =>
            (await client.GetStringAsync("/metrics")).Contains("recsharp_predict_requests_in_flight 1\n");
        for (int i = 0; i < 600 && !await InFlight(); i++) await Task.Delay(50);

        serve.Signal(signal);
        await serve.LineAsync(l => l.StartsWith("Stopping on SIG", StringComparison.Ordinal)).WaitAsync(Patience);
        await stream.WriteAsync(body.AsMemory(body.Length / 2));
        string answer = await new StreamReader(stream).ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 200 OK", answer);
        Assert.Contains("\"predictions\":[{\"click\":", answer);
        Assert.Equal(0, serve.WaitForExit(Patience));
        Assert.EndsWith("Stopped", serve.Output.TrimEnd());
        Assert.Equal("", serve.Error);
    }

    // SigIgn in /proc/self/status is a hexadecimal mask of ignored signals; SIGINT (2) is bit 1.
    private static bool IgnoresSigint()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        string mask = line["SigIgn:".Length..].Trim();
        ulong ignored = ulong.Parse(mask, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (ignored & 0b10) != 0;
    }
}
