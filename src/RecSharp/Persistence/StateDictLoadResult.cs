namespace RecSharp.Persistence;

/// <summary>What loading a state dict did besides copying tensors.</summary>
/// <param name="LoadedKeys">Number of tensors copied into the model.</param>
/// <param name="IgnoredKeys">Keys of the file that the model does not use.</param>
/// <param name="Warnings">One line per notable event, such as ignored keys.</param>
public sealed record StateDictLoadResult(
    int LoadedKeys, IReadOnlyList<string> IgnoredKeys, IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// One line for a log: <c>loaded 76 tensors</c>, then the ignored keys, every one of them, when there are any:
    /// <c>loaded 76 tensors; ignored 8 keys the model does not use: shared_experts.0.0.1.linears.0.weight, …</c>.
    /// </summary>
    public override string ToString() =>
        IgnoredKeys.Count == 0
            ? $"loaded {LoadedKeys} tensors"
            : $"loaded {LoadedKeys} tensors; ignored {IgnoredKeys.Count} keys the model does not use: " +
              string.Join(", ", IgnoredKeys);
}
