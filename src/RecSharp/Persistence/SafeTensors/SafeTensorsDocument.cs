using System.Diagnostics.CodeAnalysis;

namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// The contents of a safetensors file: its metadata and its tensors.
/// </summary>
internal sealed class SafeTensorsDocument
{
    private readonly Dictionary<string, SafeTensorEntry> _byName;

    internal SafeTensorsDocument(IReadOnlyDictionary<string, string> metadata, IReadOnlyList<SafeTensorEntry> entries)
    {
        Metadata = metadata;
        Entries = entries;
        _byName = entries.ToDictionary(entry => entry.Name, StringComparer.Ordinal);
    }

    /// <summary>The <c>__metadata__</c> map; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensors, in the order their keys appear in the header.</summary>
    public IReadOnlyList<SafeTensorEntry> Entries { get; }

    /// <summary>The tensor with the given name.</summary>
    /// <param name="name">The tensor name.</param>
    /// <exception cref="KeyNotFoundException">No tensor has that name.</exception>
    public SafeTensorEntry this[string name]
        => _byName.TryGetValue(name, out SafeTensorEntry? entry)
            ? entry
            : throw new KeyNotFoundException($"The safetensors file has no tensor named '{name}'.");

    /// <summary>Whether a tensor with the given name exists.</summary>
    /// <param name="name">The tensor name.</param>
    /// <returns><see langword="true"/> when it exists.</returns>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Looks a tensor up by name.</summary>
    /// <param name="name">The tensor name.</param>
    /// <param name="entry">The tensor when found; otherwise <see langword="null"/>.</param>
    /// <returns>Whether it was found.</returns>
    public bool TryGetEntry(string name, [NotNullWhen(true)] out SafeTensorEntry? entry)
        => _byName.TryGetValue(name, out entry);
}
