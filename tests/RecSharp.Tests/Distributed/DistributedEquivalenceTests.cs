using System.IO.Compression;
using RecSharp.Tests.Shared;
using RecSharp.Tests.Support;

namespace RecSharp.Tests.Distributed;

/// <summary>
/// Data-parallel training sums the ranks' gradients, so that 2 ranks × batch 128 take the very steps that one process
/// × batch 256 takes on the same rows in the same order: the weights after an epoch of census agree to 1e-5. With
/// 20,000 rows of the census file (16,000 training rows, 63 steps), so the test runs in a minute or two.
/// </summary>
public sealed class DistributedEquivalenceTests : IDisposable
{
    private const int CensusRows = 20_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-mpi-").FullName;

    [Trait("Data", "Census")]
    [SkippableTheory]
    [InlineData("ple")]
    [InlineData("mmoe")]
    public void TwoRanksOfBatch128TrainTheWeightsOfOneProcessOfBatch256(string model)
    {
        MpiJob.Launcher();
        string data = CensusHead();
        string config = RepositoryFiles.Path("examples/census/experiment.yaml");
        string alone = Path.Combine(_folder, $"{model}-1x256.safetensors");
        string together = Path.Combine(_folder, $"{model}-2x128.safetensors");

        var single = MpiJob.Run(1, MpiJob.TestHost, "fit", config, data, model, "256", alone);
        Assert.True(single.Code == 0, single.Err);
        var parallel = MpiJob.Run(2, MpiJob.TestHost, "fit", config, data, model, "128", together, "mpi");
        Assert.True(parallel.Code == 0, parallel.Err);

        double difference = MpiJob.MaxDifference(alone, together);
        Assert.True(difference <= 1e-5, $"{model}: the weights differ by up to {difference:G3}");
        Assert.True(MpiJob.Weights(alone).Values.Any(w => w.Any(v => v != 0)), "the weights are all zero");
    }

    // The first rows of the census file, as a plain file of the same format.
    private string CensusHead()
    {
        string path = SharedFolder.Require(SharedFolder.CensusFile);
        string head = Path.Combine(_folder, "census-head.csv");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        using var writer = new StreamWriter(head);
        for (int i = 0; i < CensusRows && reader.ReadLine() is { } line; i++) writer.WriteLine(line);
        return head;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
