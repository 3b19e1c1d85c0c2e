using RecSharp.Tests.Shared;

namespace RecSharp.Tests.Distributed;

/// <summary>
/// Data-parallel training sums the ranks' gradients, so that 2 ranks × batch 128 take the very steps that one process
/// × batch 256 takes on the same rows, over one epoch of the census file's first 20,001 training rows (79 steps, the
/// last of 33 rows: 17 on rank 0, 16 on rank 1, so the ranks' shares of a step differ as at the end of any epoch).
/// Summed in another order, float32 gradients differ in their last bits, and PLE's training amplifies that to 5e-2
/// over an epoch of the whole file (as it does between one process on 1 and on 2 libtorch threads). So the single
/// process computes each batch's gradient as the sum of its two halves' (a second model replica on the CPU), its rows
/// arranged so that the halves are the rows the two ranks train on in that step: both runs then do the same float32
/// operations, and any difference would be one of the data-parallel arithmetic (a gradient lost, counted twice, summed
/// late or over other rows). Each job trains PLE and MMOE, so the census file is read and encoded once per job; the two
/// single-process jobs run side by side.
/// </summary>
public sealed class DistributedEquivalenceTests : IDisposable
{
    // An odd count: the epoch's last step has 33 rows, which the two ranks (and the two halves) share unevenly.
    private const string TrainingRows = "20001";

    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-mpi-").FullName;

    [Trait("Data", "Census")]
    [SkippableFact]
    public async Task TwoRanksOfBatch128TrainTheWeightsOfOneProcessOfBatch256OverCensusRows()
    {
        MpiJob.Launcher();
        string data = SharedFolder.Require(SharedFolder.CensusFile);
        string config = RepositoryFiles.Path("examples/census/experiment.yaml");
        string together = Run(2, "128", "mpi");
        // The two single-process runs use one libtorch thread each: on two cores they run side by side.
        var halvesRun = Task.Run(() => Run(1, "256", "halves"));
        string plain = Run(1, "256");
        string halves = await halvesRun;

        foreach (string model in (string[])["ple", "mmoe"])
        {
            string expected = Path.Combine(halves, $"{model}.safetensors");
            string actual = Path.Combine(together, $"{model}.safetensors");
            double difference = MpiJob.MaxDifference(expected, actual);
            Assert.True(difference == 0, $"{model}: the weights differ by up to {difference:G3}");
            Assert.True(MpiJob.Weights(expected).Values.Any(w => w.Any(v => v != 0)),
                $"{model}: the weights are all 0");
        }
        // Whole batches in one pass: MMOE's training keeps the order's last bits from growing past 1e-5.
        double mmoe = MpiJob.MaxDifference(Path.Combine(plain, "mmoe.safetensors"),
            Path.Combine(together, "mmoe.safetensors"));
        Assert.True(mmoe <= 1e-5, $"mmoe: the weights of whole batches differ by up to {mmoe:G3}");

        string Run(int ranks, string batchSize, params string[] mode)
        {
            string folder = Directory.CreateDirectory(
                Path.Combine(_folder, $"{ranks}x{batchSize}{mode.FirstOrDefault()}"))
                .FullName;
            var job = MpiJob.Run(ranks, MpiJob.TestHost,
                ["fit", config, data, TrainingRows, batchSize, folder, .. mode]);
            Assert.True(job.Code == 0, job.Err);
            return folder;
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
