using System.Globalization;
using System.Net;
using System.Text.Json;
using RecSharp.Serving.Tests.Support;

namespace RecSharp.Serving.Tests.Http;

/// <summary>A run of the built-in example (<c>recsharp train</c> without <c>--config</c>), served and
/// exported.</summary>
public sealed class BuiltInExampleServeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-builtin-").FullName;

    [Fact]
    public async Task ItsRunFolderServesRawRowsAndExportsItsPreprocessing()
    {
        string run = Path.Combine(_folder, "run");
        TrainedRuns.Cli("train", "--epochs", "1", "--quiet", "--out", run);
        // The first generated rows without their labels (the last two columns: click, conversion).
        var lines = File.ReadLines(Path.Combine(run, "example.csv")).Take(21).Select(l => l.Split(',')).ToArray();
        int features = lines[0].Length - 2;
        string rowsFile = Path.Combine(_folder, "rows.csv");
        File.WriteAllLines(rowsFile, lines.Select(fields => string.Join(',', fields[..features])));
        var expected = ScoreFiles.Predict(run, rowsFile);
        var rows = lines.Skip(1).Select(fields => lines[0][..features]
            .Zip(fields).ToDictionary(p => p.First, p => double.Parse(p.Second, CultureInfo.InvariantCulture)));

        await using (var server = await ServerUnderTest.StartAsync(run))
        {
            var (status, answer) = await server.PostAsync("/v1/predict", JsonSerializer.Serialize(new { rows }));

            Assert.Equal(HttpStatusCode.OK, status);
            ScoreFiles.AssertClose(expected, ServerUnderTest.Scores(answer, server.Server.Model.Tasks), 1e-6);
        }
        string onnx = Path.Combine(_folder, "onnx", "model.onnx");
        TrainedRuns.Cli("export", "--model", run, "--format", "onnx", "--out", onnx);
        Assert.True(File.Exists(onnx));
        Assert.True(File.Exists(Path.Combine(_folder, "onnx", "preprocessing.json")));
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
