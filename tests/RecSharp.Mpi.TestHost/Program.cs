using RecSharp.Cli.Distributed;
using RecSharp.Cli.Experiments;
using RecSharp.Data.Configuration;
using RecSharp.Models;
using RecSharp.Training;
using TorchSharp;

// fit <experiment.yaml> <data.csv> <ple|mmoe> <batch size> <weights.safetensors> [mpi]
// Trains one epoch of the experiment's training rows in their stored order (no shuffling) and saves the weights;
// with "mpi", as rank r of an MPI job, on the rows i with i mod ranks = r. Prints one line and exits 1 on failure.
if (args.Length is < 6 or > 7 || args[0] != "fit")
{
    Console.Error.WriteLine("usage: fit <experiment.yaml> <data.csv> <ple|mmoe> <batch size> <weights> [mpi]");
    return 2;
}
using var job = DistributedJob.Start(args.Length == 7 ? args[6] : null);
int Fit()
{
    torch.set_num_threads(1);
    var config = ExperimentConfigLoader.Load(args[1]).WithDataPath(args[2]);
    var modelConfig = config.Model with { Type = args[3] == "mmoe" ? ModelType.Mmoe : ModelType.Ple };
    var data = DataPreparation.FromConfig(config, skipBadRows: false,
        fitOnce: job is null ? null : job.FitOnRankZero);
    var train = job?.Shard(data.Train) ?? data.Train;
    using var model = ModelFactory.Create(modelConfig, FeatureColumnMapping.ToColumns(data.Features), data.Tasks);
    var training = config.Training;
    model.Compile(training.Optimizer, loss: training.Losses?.Select(l => (TaskLoss)l).ToArray(),
        lossWeights: training.LossWeights, learningRate: training.LearningRate);
    model.Fit(train.ToInputDictionary(), train.Labels, batchSize: int.Parse(args[4]), epochs: 1, verbose: 0,
        shuffle: false, seed: training.Seed, distributed: job?.Group);
    if (job is not { IsWriter: false }) model.Save(args[5]);
    return 0;
}
return job is null ? Fit() : job.Run(Fit, verbose: false);
