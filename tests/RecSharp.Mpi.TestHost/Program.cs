using RecSharp.Application.Distributed;
using RecSharp.Application.Experiments;
using RecSharp.Application.Preparation;
using RecSharp.Catalog;
using RecSharp.Data.Configuration;
using RecSharp.Data.Tables;
using RecSharp.Models;
using RecSharp.Persistence;
using RecSharp.Training;
using TorchSharp;

// fit <experiment.yaml> <data> <rows> <batch size> <folder> [mpi | halves]
// Trains PLE and MMOE (the experiment's settings, one epoch of the first <rows> of its training rows, or all of them
// with "all", in their stored order, no shuffling) and saves their weights as <folder>/ple.safetensors and
// <folder>/mmoe.safetensors, on one libtorch thread:
// - alone: one process, each batch in one forward and backward pass;
// - mpi: as rank r of an MPI job, on the rows i with i mod ranks = r;
// - halves: one process whose model has a second replica on the CPU, so each batch's gradient is the sum of two
//   halves' gradients, and whose rows are arranged so that a batch's halves hold the rows that ranks 0 and 1 of a
//   2-rank job with half the batch train on in the same step: the very float32 operations of that job.
// Prints one line and exits 1 on failure.
if (args.Length is < 6 or > 7 || args[0] != "fit" || (args.Length == 7 && args[6] is not ("mpi" or "halves")))
{
    Console.Error.WriteLine("usage: fit <experiment.yaml> <data> <rows> <batch size> <folder> [mpi | halves]");
    return 2;
}
bool halves = args.Length == 7 && args[6] == "halves";
using var job = DistributedJob.Start(args.Length == 7 && args[6] == "mpi" ? "mpi" : null);
int? rowLimit = args[3] == "all" ? null : int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
int batchSize = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);
if (halves && batchSize % 2 != 0)
{
    Console.Error.WriteLine($"halves needs an even batch size, got {batchSize}");
    return 2;
}
int Fit()
{
    torch.set_num_threads(1);
    var config = ExperimentConfigLoader.Load(args[1]).WithDataPath(args[2]);
    var data = DataPreparation.FromConfig(config, skipBadRows: false, job: job);
    var rows = rowLimit is { } limit ? data.Train.Slice([.. Enumerable.Range(0, limit)]) : data.Train;
    var train = job?.Shard(rows) ?? (halves ? rows.Slice(HalvesOrder(rows.RowCount)) : rows);
    foreach (var type in new[] { "ple", "mmoe" }.Select(ModelNames.Model))
        Train(config, data, train, type);
    return 0;
}
return job is null ? Fit() : job.Run(Fit, verbose: false);

void Train(ExperimentConfig config, PreparedData data, ColumnarTable train, ModelDefinition type)
{
    var columns = FeatureColumnMapping.ToColumns(data.Features);
    using var built = ModelFactory.Create(config.Model.WithType(type), columns, data.Tasks);
    using var model = halves ? WithCpuReplica(built, columns) : null;
    var trained = model ?? built;
    var training = config.Training;
    trained.Compile(training.Optimizer, loss: training.Losses?.Select(l => (TaskLoss)l).ToArray(),
        lossWeights: training.LossWeights, learningRate: training.LearningRate);
    trained.Fit(train.ToInputDictionary(), train.Labels, batchSize: batchSize, epochs: 1, verbose: 0, shuffle: false,
        seed: training.Seed, distributed: job?.Group);
    if (job is not { IsWriter: false })
        trained.Save(Path.Combine(args[5], $"{type.Name}.safetensors"));
}

// The same model (same options, so the same seed and initial weights) with a second replica on the CPU.
static MultiTaskModel WithCpuReplica(MultiTaskModel model, IReadOnlyList<RecSharp.Features.FeatureColumn> columns) =>
    ModelRegistry.Create(columns, model.Options with { Gpus = ["cpu", "cpu"] });

// Each batch's rows with even index first, then those with odd index: in a batch of 2b rows, the rows that rank 0 and
// rank 1 of a 2-rank job of batch b train on in the same step (rank r keeps the rows i with i mod 2 = r), in the
// ranks' order. A replica's half is the first ceil(rows / 2) rows, as many as rank 0's share of a last, short batch.
int[] HalvesOrder(int rows)
{
    var order = new List<int>(rows);
    for (int start = 0; start < rows; start += batchSize)
    {
        int end = Math.Min(start + batchSize, rows);
        for (int parity = 0; parity < 2; parity++)
            for (int i = start + parity; i < end; i += 2) order.Add(i);
    }
    return [.. order];
}
