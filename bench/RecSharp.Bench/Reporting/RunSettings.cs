namespace RecSharp.Bench.Reporting;

/// <summary>The settings of a run.</summary>
/// <param name="Epochs">Training epochs.</param>
/// <param name="BatchSize">Training batch size.</param>
/// <param name="Optimizer">The optimizer.</param>
/// <param name="Seed">Seed of initialisation and batch order.</param>
/// <param name="WarmupBatches">Training steps left out of the throughput.</param>
/// <param name="PredictBatchSize">Batch size of the prediction throughput.</param>
/// <param name="LatencyCalls">Timed single-row calls.</param>
internal sealed record RunSettings(int Epochs, int BatchSize, string Optimizer, int Seed, int WarmupBatches,
    int PredictBatchSize, int LatencyCalls);
