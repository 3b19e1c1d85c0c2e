using RecSharp.Export;
using RecSharp.Features;
using RecSharp.Models;
using RecSharp.Persistence;
using RecSharp.Tests.Shared;
using RecSharp.Tests.Support;
using RecSharp.Training;

namespace RecSharp.Tests.Export;

/// <summary>
/// Every model type over the reference fixture's columns and hyper-parameters, in each of the fixture's
/// configurations — the initial weights and the weights after its one epoch of fit (for PLE the fixture's own state
/// dicts) — predicts the same in ONNX Runtime as with <c>Predict</c>, at batch 1 and at batch 1024.
/// </summary>
public sealed class OnnxFixtureTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-onnx-").FullName;

    public static TheoryData<string, string> Configurations()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in new[] { "ple", "cgc", "mmoe", "sharedbottom", "esmm" })
        {
            foreach (var state in new[] { "initial", "after_fit" })
                data.Add(type, state);
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Configurations))]
    public void OnnxRuntimePredictsWhatPredictPredicts(string type, string state)
    {
        var fixture = PleFixture.Load();
        using var model = Create(fixture, type, state);

        OnnxParity.AssertMatchesPredict(model, fixture.Inputs(), RandomRows.For(model.Layout, 1024), _folder);
    }

    [SkippableTheory]
    [InlineData("initial")]
    [InlineData("after_fit")]
    public void TheExportedPleGivesTheReferenceOutputs(string state)
    {
        var fixture = PleFixture.Load();
        using var model = Create(fixture, "ple", state);
        string path = Path.Combine(_folder, "ple.onnx");
        model.ExportOnnx(path);
        using var session = new OnnxSession(path);

        var expected = state == "initial" ? fixture.ExpectedEvalOutputs() : fixture.ExpectedOutputsAfterFit();

        var actual = session.Predict(model.Layout, fixture.Inputs(), batchSize: 8);
        SyntheticInputs.AssertClose(expected, actual, OnnxParity.Tolerance);
    }

    private static MultiTaskModel Create(PleFixture fixture, string type, string state)
    {
        var ple = fixture.Options();
        if (type == "ple")
        {
            var model = new Ple(fixture.Columns(), ple);
            model.LoadStateDict(state == "initial" ? fixture.InitialStatePath : fixture.AfterFitStatePath);
            return model;
        }
        MultiTaskModel other = type switch
        {
            "cgc" => new Ple(fixture.Columns(), ple with { NumLevels = 1 }),
            "mmoe" => new Mmoe(fixture.Columns(), new MmoeOptions
            {
                NumExperts = 3, ExpertDnnHiddenUnits = ple.ExpertDnnHiddenUnits,
                GateDnnHiddenUnits = ple.GateDnnHiddenUnits, TowerDnnHiddenUnits = ple.TowerDnnHiddenUnits,
                TaskTypes = ple.TaskTypes, TaskNames = ple.TaskNames, InitStd = ple.InitStd,
            }),
            "sharedbottom" => new SharedBottom(fixture.Columns(), new SharedBottomOptions
            {
                BottomDnnHiddenUnits = ple.ExpertDnnHiddenUnits, TowerDnnHiddenUnits = ple.TowerDnnHiddenUnits,
                TaskTypes = ple.TaskTypes, TaskNames = ple.TaskNames, InitStd = ple.InitStd,
            }),
            _ => new Esmm(fixture.Columns(), new EsmmOptions
            {
                TowerDnnHiddenUnits = ple.ExpertDnnHiddenUnits, TaskTypes = ["binary", "binary"],
                TaskNames = ple.TaskNames, InitStd = ple.InitStd,
            }),
        };
        if (state == "after_fit") FitAsTheFixture(other, fixture);
        return other;
    }

    // The fixture's fit (optimizer, batch size, epochs, no shuffling) on its rows; ESMM gets click and
    // click-and-long-dwell labels.
    private static void FitAsTheFixture(MultiTaskModel model, PleFixture fixture)
    {
        var fit = fixture.Fit;
        var labels = fixture.Labels();
        if (model.Tasks.All(t => t.Type == TaskType.Binary))
            for (int i = 0; i < labels.GetLength(0); i++) labels[i, 1] = labels[i, 0] * (labels[i, 1] > 0 ? 1 : 0);
        model.Compile(fit.GetProperty("optimizer").GetString()!,
            loss: model.Tasks.Select(t => (TaskLoss)(t.Type == TaskType.Binary ? "binary_crossentropy" : "mse"))
                .ToArray());
        model.Fit(fixture.Inputs(), labels, batchSize: fit.GetProperty("batch_size").GetInt32(),
            epochs: fit.GetProperty("epochs").GetInt32(), shuffle: false, verbose: 0);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
