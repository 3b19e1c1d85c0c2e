using System.Text.Json;
using RecSharp.Catalog;
using RecSharp.Features;
using RecSharp.Models;
using RecSharp.Tests.Support;

namespace RecSharp.Tests.Models;

/// <summary>
/// The options records hold the hyper-parameters' defaults; the reference-style constructors take them from there
/// (an argument left out is null). Each constructor called without arguments must build the model its record's
/// defaults build, and each argument given must reach the record's property of its name.
/// </summary>
public class ConvenienceConstructorTests
{
    public static TheoryData<string> Models =>
        [.. ModelNames.Models.Where(m => m.FixedParameters.Count == 0).Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(Models))]
    public void TheConstructorsDefaultsAreTheOptionsRecordsDefaults(string type)
    {
        var columns = SyntheticInputs.Columns();
        using var byDefaults = ByParameterDefaults(type, columns);
        using var byRecord = ByRecordDefaults(type, columns);

        Assert.Equal(Describe(byRecord.Options), Describe(byDefaults.Options));
    }

    [Fact]
    public void ADifferentDefaultWouldBeSeen()
    {
        var columns = SyntheticInputs.Columns();
        using var changed = new Mmoe(columns, new MmoeOptions { NumExperts = 7 });
        using var byDefaults = new Mmoe(columns);

        Assert.NotEqual(Describe(changed.Options), Describe(byDefaults.Options));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void EveryArgumentGivenReachesItsProperty(string type)
    {
        var columns = SyntheticInputs.Columns();
        using var byArguments = ByArguments(type, columns);
        var common = new MmoeOptions
        {
            L2RegLinear = 0.1, L2RegEmbedding = 0.2, L2RegDnn = 0.3, InitStd = 0.01, Seed = 7, DnnDropout = 0.5,
            DnnActivation = "sigmoid", DnnUseBn = true, TaskTypes = ["binary", "binary"], TaskNames = ["a", "b"],
            Device = "cpu", Gpus = ["cpu", "cpu"],
        };
        MultiTaskOptions expected = type switch
        {
            "ple" => Common(new PleOptions
            {
                SharedExpertNum = 2, SpecificExpertNum = 3, NumLevels = 1, ExpertDnnHiddenUnits = [8],
                GateDnnHiddenUnits = [4], TowerDnnHiddenUnits = [],
            }, common),
            "mmoe" => common with
            {
                NumExperts = 4, ExpertDnnHiddenUnits = [8], GateDnnHiddenUnits = [4], TowerDnnHiddenUnits = [],
            },
            "sharedbottom" => Common(new SharedBottomOptions
            {
                BottomDnnHiddenUnits = [8], TowerDnnHiddenUnits = [],
            }, common),
            _ => Common(new EsmmOptions { TowerDnnHiddenUnits = [8] }, common),
        };

        Assert.Equal(Describe(expected), Describe(byArguments.Options));
    }

    // Every argument differs from its default, the common ones as in EveryArgumentGivenReachesItsProperty.
    private static MultiTaskModel ByArguments(string type, IReadOnlyList<FeatureColumn> columns) =>
        type switch
        {
            "ple" => new Ple(columns, 2, 3, 1, [8], [4], [], 0.1, 0.2, 0.3, 0.01, 7, 0.5, "sigmoid", true,
                ["binary", "binary"], ["a", "b"], "cpu", ["cpu", "cpu"]),
            "mmoe" => new Mmoe(columns, 4, [8], [4], [], 0.1, 0.2, 0.3, 0.01, 7, 0.5, "sigmoid", true,
                ["binary", "binary"], ["a", "b"], "cpu", ["cpu", "cpu"]),
            "sharedbottom" => new SharedBottom(columns, [8], [], 0.1, 0.2, 0.3, 0.01, 7, 0.5, "sigmoid", true,
                ["binary", "binary"], ["a", "b"], "cpu", ["cpu", "cpu"]),
            "esmm" => new Esmm(columns, [8], 0.1, 0.2, 0.3, 0.01, 7, 0.5, "sigmoid", true,
                ["binary", "binary"], ["a", "b"], "cpu", ["cpu", "cpu"]),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };

    // The common settings of `common` on `options`.
    private static T Common<T>(T options, MultiTaskOptions common)
        where T : MultiTaskOptions => (T)((MultiTaskOptions)options with
        {
            L2RegLinear = common.L2RegLinear, L2RegEmbedding = common.L2RegEmbedding, L2RegDnn = common.L2RegDnn,
            InitStd = common.InitStd, Seed = common.Seed, DnnDropout = common.DnnDropout,
            DnnActivation = common.DnnActivation, DnnUseBn = common.DnnUseBn, TaskTypes = common.TaskTypes,
            TaskNames = common.TaskNames, Device = common.Device, Gpus = common.Gpus,
        });

    private static MultiTaskModel ByParameterDefaults(string type, IReadOnlyList<FeatureColumn> columns) =>
        type switch
        {
            "ple" => new Ple(columns),
            "mmoe" => new Mmoe(columns),
            "sharedbottom" => new SharedBottom(columns),
            "esmm" => new Esmm(columns),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };

    private static MultiTaskModel ByRecordDefaults(string type, IReadOnlyList<FeatureColumn> columns) =>
        type switch
        {
            "ple" => new Ple(columns, new PleOptions()),
            "mmoe" => new Mmoe(columns, new MmoeOptions()),
            "sharedbottom" => new SharedBottom(columns, new SharedBottomOptions()),
            "esmm" => new Esmm(columns, new EsmmOptions()),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };

    private static string Describe(MultiTaskOptions options) => JsonSerializer.Serialize(options, options.GetType());
}
