using System.Text.Json.Serialization;

namespace RecSharp.Training.Checkpoints;

/// <summary>
/// The JSON of a streaming fit's position in a checkpoint (see <see cref="StreamPosition"/>).
/// </summary>
internal sealed class CheckpointStreamState
{
    [JsonPropertyName("kept_rows"), JsonRequired] public long KeptRows { get; init; }
    [JsonPropertyName("parts")] public string[]? Parts { get; init; }
}
