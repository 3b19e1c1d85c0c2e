using System.Text.Json.Serialization;

namespace RecSharp.Training.Checkpoints;

/// <summary>The JSON of a training checkpoint's state (see <see cref="TrainingCheckpoint"/>).</summary>
internal sealed class CheckpointState
{
    [JsonPropertyName("state_version"), JsonRequired] public int StateVersion { get; init; }
    [JsonPropertyName("epoch"), JsonRequired] public int Epoch { get; init; }
    [JsonPropertyName("step"), JsonRequired] public int Step { get; init; }
    [JsonPropertyName("seed"), JsonRequired] public int Seed { get; init; }
    [JsonPropertyName("shuffle"), JsonRequired] public bool Shuffle { get; init; }
    [JsonPropertyName("batch_size"), JsonRequired] public int BatchSize { get; init; }
    [JsonPropertyName("rows"), JsonRequired] public long Rows { get; init; }
    [JsonPropertyName("label_fingerprint"), JsonRequired] public string LabelFingerprint { get; init; } = "";
    [JsonPropertyName("loss_sum"), JsonRequired] public double LossSum { get; init; }
    [JsonPropertyName("optimizer"), JsonRequired] public string Optimizer { get; init; } = "";
    [JsonPropertyName("learning_rates"), JsonRequired] public double[] LearningRates { get; init; } = [];
    [JsonPropertyName("world_size")] public int WorldSize { get; init; } = 1;
    [JsonPropertyName("stream")] public CheckpointStreamState? Stream { get; init; }
}
