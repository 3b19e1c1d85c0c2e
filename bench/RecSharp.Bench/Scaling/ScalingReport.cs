namespace RecSharp.Bench.Scaling;

/// <summary>One data-parallel training benchmark: a number of ranks and threads per rank on one workload.</summary>
/// <param name="Workload">census or synthetic.</param>
/// <param name="Model">The model trained.</param>
/// <param name="DryRun">Whether this was a dry run (tiny data: the numbers mean nothing).</param>
/// <param name="Ranks">MPI ranks.</param>
/// <param name="ThreadsPerRank">libtorch threads of each rank.</param>
/// <param name="Cores">Logical processors of this machine.</param>
/// <param name="TrainRows">Training rows of all ranks.</param>
/// <param name="BatchSizePerRank">Rows per step on each rank.</param>
/// <param name="GlobalBatchSize">Rows per step over all ranks.</param>
/// <param name="RowsPerSecond">Training rows per second of all ranks, over the timed steps (warm-up excluded).</param>
/// <param name="StepMs">Milliseconds per step (rank 0's, warm-up excluded).</param>
/// <param name="AllReduceMsPerStep">
/// Milliseconds per step in the gradient allreduce (rank 0's mean, waiting for slower ranks included).
/// </param>
/// <param name="AllReduceShare">The allreduce's share of the step.</param>
/// <param name="GradientBytes">
/// Bytes of the gradient buffer each rank contributes per step (every parameter's gradient and the loss).
/// </param>
/// <param name="RingBytesSentPerRank">Bytes a ring allreduce sends from each rank per step: 2·(N−1)/N × buffer.</param>
/// <param name="DirectAllReduceMs">Median milliseconds of RecSharp's direct MPI_Allreduce on that buffer.</param>
/// <param name="FastestDirectAllReduceMs">Milliseconds of the fastest of those calls.</param>
/// <param name="ManagedAllReduceMs">Median milliseconds of MPI.NET's managed Allreduce on the same buffer.</param>
/// <param name="TestMetrics">Per task, the AUC and logloss over the test rows of every rank.</param>
internal sealed record ScalingReport(string Workload, string Model, bool DryRun, int Ranks, int ThreadsPerRank,
    int Cores, long TrainRows, int BatchSizePerRank, long GlobalBatchSize, double RowsPerSecond, double StepMs,
    double AllReduceMsPerStep, double AllReduceShare, long GradientBytes, double RingBytesSentPerRank,
    double DirectAllReduceMs, double FastestDirectAllReduceMs, double ManagedAllReduceMs,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> TestMetrics);
