using RecSharp.Features;
using RecSharp.Layers.Activations;
using RecSharp.Models;

namespace RecSharp.Tests.Export;

/// <summary>
/// Every activation (with and without BatchNorm), BatchNorm in every model type, and PLE at one to three levels
/// with and without shared experts and gate DNNs, predict the same in ONNX Runtime as with <c>Predict</c>.
/// </summary>
public sealed class OnnxLayerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-onnx-").FullName;

    private static FeatureColumn[] Columns() =>
    [
        new SparseFeat("user", 20, 4),
        new SparseFeat("item", 30, 4),
        new VarLenSparseFeat(new SparseFeat("history", 30, 4, embeddingName: "item"), maxLen: 4, combiner: "mean"),
        new DenseFeat("price"),
    ];

    public static TheoryData<string, bool> Activations()
    {
        var data = new TheoryData<string, bool>();
        foreach (var activation in DnnActivation.KnownNames)
        {
            foreach (var useBn in new[] { false, true })
                data.Add(activation, useBn);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void EveryActivationMatchesPredict(string activation, bool useBn)
    {
        using var model = OnnxModels.Create("ple", Columns(), activation, useBn);
        // A sigmoid's slope is at most 1/4: larger weights keep the signal's scale (BatchNorm keeps it by itself).
        OnnxParity.Randomize(model, gain: activation == "sigmoid" && !useBn ? 4 : 1);

        OnnxParity.AssertMatchesPredict(model, RandomRows.For(model.Layout, 1024), _folder);
    }

    [Theory]
    [MemberData(nameof(OnnxFeatureTests.ModelTypes), MemberType = typeof(OnnxFeatureTests))]
    public void BatchNormInEvalFormMatchesPredictInEveryModelType(string type)
    {
        using var model = OnnxModels.Create(type, Columns(), "dice", useBn: true);
        OnnxParity.Randomize(model);

        OnnxParity.AssertMatchesPredict(model, RandomRows.For(model.Layout, 1024), _folder);
    }

    [Theory]
    [InlineData(1, 0, false)]
    [InlineData(1, 2, true)]
    [InlineData(2, 0, false)]
    [InlineData(2, 1, true)]
    [InlineData(3, 0, true)]
    [InlineData(3, 2, false)]
    public void PleAtEveryLevelCountMatchesPredict(int levels, int sharedExperts, bool gateDnn)
    {
        using var model = new Ple(Columns(), new PleOptions
        {
            NumLevels = levels, SharedExpertNum = sharedExperts, SpecificExpertNum = 2, ExpertDnnHiddenUnits = [8],
            GateDnnHiddenUnits = gateDnn ? [4] : [], TowerDnnHiddenUnits = [],
            TaskTypes = ["binary", "regression", "binary"], TaskNames = ["click", "dwell", "like"],
        });
        OnnxParity.Randomize(model);

        OnnxParity.AssertMatchesPredict(model, RandomRows.For(model.Layout, 1024), _folder);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
