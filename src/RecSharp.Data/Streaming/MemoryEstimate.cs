using RecSharp.Data.Reading;

namespace RecSharp.Data.Streaming;

/// <summary>
/// A rough estimate of the memory that reading files whole takes, to decide when to stream instead: the files'
/// sizes times a growth factor for rows held as strings and numbers: 4 for delimited text, 16 for gzip-compressed
/// text, 8 for Parquet (on the high side, so that a data set near the budget streams).
/// </summary>
public static class MemoryEstimate
{
    /// <summary>The default budget for data held in memory: a quarter of the memory available to the process.</summary>
    public static long DefaultBudget => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4;

    /// <summary>The estimated bytes that reading <paramref name="files"/> whole takes.</summary>
    /// <param name="files">The data files.</param>
    public static long Bytes(IEnumerable<DataFile> files)
        => files.Sum(f => new FileInfo(f.Path).Length * Growth(f));

    private static long Growth(DataFile file) => file.Format switch
    {
        DataFileFormat.Parquet => 8,
        _ when file.Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) => 16,
        _ => 4,
    };
}
