using RecSharp.Models;
using RecSharp.Tests.Support;
using RecSharp.Training;

namespace RecSharp.Tests.Training;

/// <summary>Data-parallel training over replica devices (here two CPU replicas) equals training on one
/// device.</summary>
public class DataParallelTests
{
    private const double Tolerance = 1e-6;

    private static Ple Model(IReadOnlyList<string>? gpus) => SyntheticInputs.TinyPle(gpus: gpus, initStd: 0.1);

    [Theory]
    [InlineData("sgd", 8)]
    [InlineData("adam", 8)]
    // batches of 7 split 4 + 3; the last batch of 4 splits 2 + 2
    [InlineData("sgd", 7)]
    public void TwoCpuReplicasEndWithTheWeightsOfOneDevice(string optimizer, int batchSize)
    {
        var x = SyntheticInputs.Inputs(32);
        var y = SyntheticInputs.BinaryLabels(x);
        using var single = Model(gpus: null);
        using var parallel = Model(gpus: ["cpu", "cpu"]);
        SyntheticInputs.AssertSameState(SyntheticInputs.Snapshot(single), SyntheticInputs.Snapshot(parallel));
        single.Compile(optimizer, learningRate: 0.05);
        parallel.Compile(optimizer, learningRate: 0.05);

        var singleHistory = single.Fit(x, y, batchSize: batchSize, epochs: 1, shuffle: false, verbose: 0);
        var parallelHistory = parallel.Fit(x, y, batchSize: batchSize, epochs: 1, shuffle: false, verbose: 0);

        Assert.Equal(2, parallel.ReplicaDevices!.Count);
        Assert.Null(single.ReplicaDevices);
        using var untrained = Model(gpus: null);
        var before = SyntheticInputs.Snapshot(untrained);
        Assert.True(SyntheticInputs.Differ(before, SyntheticInputs.Snapshot(single)),
            "precondition: training moved the weights");
        SyntheticInputs.AssertSameState(SyntheticInputs.Snapshot(single), SyntheticInputs.Snapshot(parallel),
            Tolerance);
        Assert.Equal(singleHistory["loss"][0], parallelHistory["loss"][0], 1e-5);
        RecSharp.Tests.Models.PleReferenceTests.AssertClose(single.Predict(x), parallel.Predict(x), Tolerance);
    }

    [Fact]
    public void ABatchOfOneRowTrainsOnTheMainModelAlone()
    {
        var x = SyntheticInputs.Inputs(5);
        var y = SyntheticInputs.BinaryLabels(x);
        using var single = Model(gpus: null);
        using var parallel = Model(gpus: ["cpu", "cpu", "cpu"]);
        single.Compile("sgd", learningRate: 0.05);
        parallel.Compile("sgd", learningRate: 0.05);

        single.Fit(x, y, batchSize: 2, epochs: 2, shuffle: false, verbose: 0);       // batches 2, 2, 1
        parallel.Fit(x, y, batchSize: 2, epochs: 2, shuffle: false, verbose: 0);

        SyntheticInputs.AssertSameState(SyntheticInputs.Snapshot(single), SyntheticInputs.Snapshot(parallel),
            Tolerance);
    }

    [Fact]
    public void AnEmptyDeviceListIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Model(gpus: []));

        Assert.Contains("gpus", error.Message);
    }

    [Fact]
    public void AReplicaHoldsACopyOfTheStateAndPredictsTheSame()
    {
        var x = SyntheticInputs.Inputs(10);
        using var model = Model(gpus: ["cpu", "cpu"]);
        using (TorchSharp.torch.no_grad()) model.ParametersByName()["out.1.bias"].fill_(0.75);

        using var replica = model.CreateReplica("cpu");

        Assert.IsType<Ple>(replica);
        Assert.Null(replica.ReplicaDevices);
        SyntheticInputs.AssertSameState(SyntheticInputs.Snapshot(model), SyntheticInputs.Snapshot(replica));
        RecSharp.Tests.Models.PleReferenceTests.AssertClose(model.Predict(x), replica.Predict(x), 0);
        // A copy, not shared storage.
        using (TorchSharp.torch.no_grad()) replica.ParametersByName()["out.1.bias"].fill_(-1);
        Assert.Equal(0.75, SyntheticInputs.Snapshot(model)["out.1.bias"][0]);
    }
}
