namespace RecSharp.Data.Reading;

/// <summary>One data file and how it is stored.</summary>
/// <param name="Path">The file.</param>
/// <param name="Format">Its format: the configured one, or the one its extension names.</param>
public sealed record DataFile(string Path, DataFileFormat Format);
