namespace RecSharp.Persistence;

/// <summary>What loading a state dict did besides copying tensors.</summary>
/// <param name="LoadedKeys">Number of tensors copied into the model.</param>
/// <param name="IgnoredKeys">Keys of the file that the model does not use.</param>
/// <param name="Warnings">One line per notable event, such as ignored keys.</param>
public sealed record StateDictLoadResult(int LoadedKeys, IReadOnlyList<string> IgnoredKeys, IReadOnlyList<string> Warnings);
