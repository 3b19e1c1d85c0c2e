using RecSharp.Bench.Measurement;
using RecSharp.Features;
using RecSharp.Models;

namespace RecSharp.Bench.Tests.Measurement;

/// <summary>The analytical FLOP count against counts worked out by hand for small models over a 10-wide
/// input.</summary>
public class FlopCounterTests
{
    private const long InputDim = 10;

    [Fact]
    public void PleWithTwoLevelsCountsEveryExpertGateAndMixtureThatRuns()
    {
        // 2 tasks, 1 task expert each, 2 shared experts, experts (8, 4), gates (3), towers (5).
        var options = new PleOptions
        {
            SpecificExpertNum = 1, SharedExpertNum = 2, NumLevels = 2,
            ExpertDnnHiddenUnits = [8, 4], GateDnnHiddenUnits = [3], TowerDnnHiddenUnits = [5],
        };

        var count = FlopCounter.Count(options, InputDim);

        // Experts: 4 per level (2 task + 2 shared). Level 0: 4 × 2(10·8 + 8·4) = 4 × 224 = 896; level 1: 4 × 2(4·8 +
        // 8·4) = 512.
        Assert.Equal(896 + 512, count.Experts);
        // Gates, level 0: 2 task gates × [2·10·3 + 2·3·3] = 2 × 78 = 156, and the shared gate 2·10·3 + 2·3·4 = 84;
        // level 1 (the last, no shared gate): 2 × [2·4·3 + 2·3·3] = 2 × 42 = 84.
        Assert.Equal(156 + 84 + 84, count.Gates);
        // Mixtures: level 0: 2 task gates × 2·3·4 = 48 and the shared gate 2·4·4 = 32; level 1: 48.
        Assert.Equal(48 + 32 + 48, count.Mixing);
        // Towers: 2 × [2·4·5 + 2·5·1] = 2 × 50 = 100.
        Assert.Equal(100, count.Towers);
        Assert.Equal(1960, count.Forward);
        Assert.Equal(3 * 1960, count.Training);
    }

    [Fact]
    public void CgcIsOneLevelWithoutTheSharedGate()
    {
        var options = new PleOptions
        {
            SpecificExpertNum = 1, SharedExpertNum = 2, NumLevels = 1,
            ExpertDnnHiddenUnits = [8, 4], GateDnnHiddenUnits = [3], TowerDnnHiddenUnits = [5],
        };

        var count = FlopCounter.Count(options, InputDim);

        Assert.Equal(new FlopCount(Experts: 896, Gates: 156, Mixing: 48, Towers: 100), count);
        Assert.Equal(1200, count.Forward);
    }

    [Fact]
    public void MmoeCountsItsExpertsOnceAndOneGateAndTowerPerTask()
    {
        // 3 experts (8, 4), gates (6), towers without hidden layers, 2 tasks.
        var options = new MmoeOptions { NumExperts = 3, ExpertDnnHiddenUnits = [8, 4], GateDnnHiddenUnits = [6],
            TowerDnnHiddenUnits = [] };

        var count = FlopCounter.Count(options, InputDim);

        Assert.Equal(3 * 224, count.Experts);                   // 3 × 2(10·8 + 8·4)
        Assert.Equal(2 * (2 * 10 * 6 + 2 * 6 * 3), count.Gates); // 2 × 156 = 312
        Assert.Equal(2 * (2 * 3 * 4), count.Mixing);             // 48
        Assert.Equal(2 * (2 * 4 * 1), count.Towers);             // 16
        Assert.Equal(672 + 312 + 48 + 16, count.Forward);
    }

    [Fact]
    public void SharedBottomAndEsmmCountTheirDnnsAndFinalLayers()
    {
        var bottom = FlopCounter.Count(
            new SharedBottomOptions { BottomDnnHiddenUnits = [8, 4], TowerDnnHiddenUnits = [5] }, InputDim);
        Assert.Equal(new FlopCount(Experts: 224, Gates: 0, Mixing: 0, Towers: 100), bottom);

        var esmm = FlopCounter.Count(new EsmmOptions { TowerDnnHiddenUnits = [8, 4] }, InputDim);
        // CTR and CVR towers
        Assert.Equal(new FlopCount(Experts: 0, Gates: 0, Mixing: 0, Towers: 2 * (224 + 8)), esmm);
    }

    [Fact]
    public void TheModelsCountReadsItsOptionsAndItsInputWidth()
    {
        // 2 sparse features of width 4 and one dense value: the network input is 9 wide.
        FeatureColumn[] columns = [new SparseFeat("user", 20, 4), new SparseFeat("item", 30, 4),
            new DenseFeat("price")];
        using var model = new Ple(columns, sharedExpertNum: 2, specificExpertNum: 1, numLevels: 2,
            expertDnnHiddenUnits: [8, 4], gateDnnHiddenUnits: [3], towerDnnHiddenUnits: [5]);

        Assert.Equal(9, model.Layout.DnnInputDim);
        Assert.Equal(FlopCounter.Count(model.PleOptions, 9), FlopCounter.Count(model));
        Assert.NotEqual(FlopCounter.Count(model.PleOptions, InputDim), FlopCounter.Count(model));
    }

    [Fact]
    public void TheCensusPleWithTheReferenceDefaultsCostsAboutNineTenthsOfAMegaflopPerRow()
    {
        // The census input is 29·4 + 11 = 127 wide; 2 tasks, 1 task expert each, 1 shared, experts (256, 128), gates
        // (64), towers (64).
        var count = FlopCounter.Count(new PleOptions(), 127);

        // 391,680 + 393,216
        Assert.Equal(3 * 2 * (127 * 256 + 256 * 128) + 3 * 2 * (128 * 256 + 256 * 128), count.Experts);
        Assert.Equal(2 * (2 * 127 * 64 + 2 * 64 * 2) + (2 * 127 * 64 + 2 * 64 * 3) + 2 * (2 * 128 * 64 + 2 * 64 * 2),
            count.Gates);
        Assert.Equal(2 * (2 * 2 * 128) + 2 * 3 * 128 + 2 * (2 * 2 * 128), count.Mixing);
        Assert.Equal(2 * (2 * 128 * 64 + 2 * 64), count.Towers);
        Assert.Equal(903_680, count.Forward);
    }

    [Fact]
    public void TheLinearLayersTheModelsHoldAreTheOnesCountedPlusOnlyPlesUnusedLastSharedGate()
    {
        // 9 wide
        FeatureColumn[] columns = [new SparseFeat("user", 20, 4), new SparseFeat("item", 30, 4),
            new DenseFeat("price")];
        using var mmoe = new Mmoe(columns, numExperts: 3, expertDnnHiddenUnits: [8, 4], gateDnnHiddenUnits: [6],
            towerDnnHiddenUnits: [5]);
        using var bottom = new SharedBottom(columns, bottomDnnHiddenUnits: [8, 4], towerDnnHiddenUnits: [5]);
        using var esmm = new Esmm(columns, towerDnnHiddenUnits: [8, 4]);
        using var ple = new Ple(columns, sharedExpertNum: 2, specificExpertNum: 1, numLevels: 2,
            expertDnnHiddenUnits: [8, 4], gateDnnHiddenUnits: [3], towerDnnHiddenUnits: [5]);

        foreach (MultiTaskModel model in new MultiTaskModel[] { mmoe, bottom, esmm })
        {
            var count = FlopCounter.Count(model);
            Assert.Equal(count.Forward - count.Mixing, LinearFlops(model));
        }
        // PLE holds the last level's shared gate for weight compatibility but never runs it: 2·4·3 + 2·3·4 over the
        // 4-wide level input.
        var pleCount = FlopCounter.Count(ple);
        Assert.Equal(pleCount.Forward - pleCount.Mixing + (2 * 4 * 3 + 2 * 3 * 4), LinearFlops(ple));
    }

    /// <summary>2·in·out over every weight matrix outside the embedding tables.</summary>
    private static long LinearFlops(MultiTaskModel model) =>
        model.named_parameters()
            .Where(p => !p.name.StartsWith("embedding_dict.", StringComparison.Ordinal) && p.parameter.dim() == 2)
            .Sum(p => 2 * p.parameter.shape[0] * p.parameter.shape[1]);
}
