using RecSharp.Cli;
using RecSharp.Serving.Tests.Support;

namespace RecSharp.Serving.Tests.Http;

/// <summary>
/// <c>recsharp serve</c> refuses what it cannot serve before listening, with one line and the usual exit codes.
/// </summary>
[Collection(TrainedRunsCollection.Name)]
public sealed class ServeCommandTests(TrainedRuns runs)
{
    [Theory]
    [InlineData("--backend", "tpu", "--backend must be torch or onnx")]
    [InlineData("--max-batch", "0", "the batch size must be at least 1")]
    [InlineData("--host", "example.org", "the host must be an IP address or localhost")]
    [InlineData("--port", "http", "--port must be a whole number")]
    [InlineData("--max-queue-rows", "5", "the queue (5 rows) must hold at least one request of the row limit")]
    public void AUsageErrorExitsWithTwo(string option, string value, string message)
    {
        var (code, error) = Run("serve", "--model", runs.RunA, option, value);

        Assert.Equal(2, code);
        Assert.Equal($"recsharp: {message}", error.Trim()[..$"recsharp: {message}".Length]);
    }

    [Fact]
    public void AModelThatCannotBeServedExitsWithOneNamingIt()
    {
        string missing = Path.Combine(runs.Folder, "no-such-run");

        var (code, error) = Run("serve", "--model", missing, "--port", "0");

        Assert.Equal(1, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains(missing, error);
    }

    [Fact]
    public void APortInUseExitsWithOneNamingTheAddress()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int taken = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        string port = taken.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (code, error) = Run("serve", "--model", runs.RunA, "--port", port);

        Assert.Equal(1, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains($"127.0.0.1:{port}", error);
    }

    [Fact]
    public void TheHelpNamesTheEndpoints()
    {
        var output = new StringWriter();
        Assert.Equal(0, CliApplication.Run(["serve", "--help"], output, new StringWriter()));
        Assert.Contains("POST /v1/predict", output.ToString());
    }

    private static (int Code, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        int code = CliApplication.Run(args, new StringWriter(), error);
        return (code, error.ToString());
    }
}
