using RecSharp.Application.Preparation;
using RecSharp.Data.Configuration;

namespace RecSharp.Bench.Workloads;

/// <summary>What a benchmark trains and measures: encoded rows, the model and the training settings.</summary>
/// <param name="Name">The workload: <c>census</c>, <c>synthetic</c>, or the experiment file's name.</param>
/// <param name="Data">Training and test rows, as <c>recsharp train</c> prepares them.</param>
/// <param name="Model">The model type and hyper-parameters.</param>
/// <param name="Training">Optimizer, batch size, epochs, seeds and the metrics reported on the test rows.</param>
internal sealed record Workload(string Name, PreparedData Data, ModelConfig Model, TrainingConfig Training);
