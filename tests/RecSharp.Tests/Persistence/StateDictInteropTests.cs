using System.Globalization;
using RecSharp.Models;
using RecSharp.Persistence;
using RecSharp.Tests.Shared;
using RecSharp.Tests.Support;
using static TorchSharp.torch;

namespace RecSharp.Tests.Persistence;

/// <summary>
/// Weights to and from Python: the README's standard-library reader, legacy .pth files, load summaries.
/// </summary>
public sealed class StateDictInteropTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-interop-").FullName;

    [SkippableFact]
    public void TheReadmesPythonReaderReadsEveryTensorSaveWrote()
    {
        Skip.If(ChildProcess.Run("python3", ["--version"]).Code != 0, "needs python3, which is absent");
        var options = new PleOptions { ExpertDnnHiddenUnits = [8], DnnUseBn = true };
        using var model = new Ple(SyntheticInputs.Columns(), options);
        model.Save(Path.Combine(_folder, "model.safetensors"));
        string reader = MarkdownCode.Block(RepositoryFiles.Path("README.md"), "### Weights to and from Python",
            "python");
        File.WriteAllText(Path.Combine(_folder, "read.py"), reader + """

            for name, (shape, values) in sorted(state.items()):
                print(name, "x".join(map(str, shape)), repr(values[0]))
            """);

        var (code, output, error) = ChildProcess.Run("python3", ["read.py"], _folder);

        Assert.True(code == 0, error);
        var lines = output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var state = model.state_dict();
        Assert.StartsWith($"{state.Count} tensors, e.g. ", lines[0]);
        var printed = lines.Skip(1).Select(l => l.Split(' ')).ToDictionary(f => f[0], f => (Shape: f[1], First: f[2]));
        Assert.Equal(state.Keys.Order(StringComparer.Ordinal), printed.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(state, kv => kv.Value.dtype == ScalarType.Int64);             // BatchNorm's num_batches_tracked
        foreach (var (name, tensor) in state)
        {
            Assert.Equal(string.Join('x', tensor.shape), printed[name].Shape);
            double first = tensor.flatten()[0].to_type(ScalarType.Float64).item<double>();
            Assert.Equal(first, double.Parse(printed[name].First, CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void ALegacyPthIsRefusedSayingHowToResaveIt()
    {
        // The start of a file torch.save writes with _use_new_zipfile_serialization=False: a pickled magic number.
        string path = Path.Combine(_folder, "legacy.pth");
        File.WriteAllBytes(path,
            [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e]);
        using var model = SyntheticInputs.TinyPle();
        var before = SyntheticInputs.Snapshot(model);

        var error = Assert.Throws<InvalidDataException>(() => model.LoadStateDict(path));

        Assert.Contains("_use_new_zipfile_serialization=False", error.Message);
        Assert.Contains("torch.save(torch.load(path), new_path)", error.Message);
        SyntheticInputs.AssertSameState(before, SyntheticInputs.Snapshot(model));
    }

    [Fact]
    public void TheLoadResultReadsAsOneLineNamingTheIgnoredKeys()
    {
        Assert.Equal("loaded 76 tensors", new StateDictLoadResult(76, [], []).ToString());
        string[] ignored = ["shared_experts.0.0.1.linears.0.weight", "shared_experts.0.0.1.linears.0.bias"];

        Assert.Equal("loaded 76 tensors; ignored 2 keys the model does not use: " +
                     "shared_experts.0.0.1.linears.0.weight, shared_experts.0.0.1.linears.0.bias",
            new StateDictLoadResult(76, ignored, ["…"]).ToString());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
