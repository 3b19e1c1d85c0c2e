using RecSharp.Data.Writing;

namespace RecSharp.Data.Synthetic;

/// <summary>
/// A built-in generator drawing rows on demand, as file columns, so that a data set of any size can be written in
/// bounded memory: the rows drawn in several calls to <see cref="Next"/> are those of one call.
/// </summary>
public sealed class SyntheticRows
{
    private readonly Func<int, DataChunk> draw;

    private SyntheticRows(Func<int, DataChunk> draw)
    {
        this.draw = draw;
    }

    /// <summary>The generator of a kind, with its default sizes and the given seed.</summary>
    /// <param name="kind">The generator.</param>
    /// <param name="seed">The seed of every draw.</param>
    public static SyntheticRows Create(SyntheticKind kind, int seed)
    {
        switch (kind)
        {
            case SyntheticKind.ClickConversion:
                var clicks = new ClickConversionWorld(new ClickConversionOptions { Seed = seed });
                return new SyntheticRows(n => DataChunk.From(clicks.Draw(n)));
            case SyntheticKind.Mmoe:
                var mmoe = new MmoeSyntheticWorld(new MmoeSyntheticOptions { Seed = seed });
                return new SyntheticRows(n => DataChunk.From(mmoe.Draw(n)));
            case SyntheticKind.CensusLike:
                return new SyntheticRows(new CensusLikeGenerator(new CensusLikeOptions { Seed = seed }).Draw);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown generator.");
        }
    }

    /// <summary>Draws the next <paramref name="rows"/> rows.</summary>
    /// <param name="rows">The number of rows, at least 0.</param>
    public DataChunk Next(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        return draw(rows);
    }

    /// <summary>
    /// Draws <paramref name="rows"/> rows and writes them in order over the files <paramref name="paths"/> (each in
    /// the format of its name, see <see cref="DataFileWriter"/>), an equal share each, in chunks of
    /// <paramref name="chunkRows"/> rows; a file with no rows still gets its columns.
    /// </summary>
    /// <param name="rows">The rows to draw.</param>
    /// <param name="paths">The files, e.g. <see cref="DataFileWriter.ShardPaths"/>.</param>
    /// <param name="chunkRows">The rows per chunk (a Parquet row group).</param>
    /// <param name="writeFile">Creates a file and hands its stream to the writer (e.g. atomically).</param>
    public void WriteShards(
        long rows, IReadOnlyList<string> paths, int chunkRows, Action<string, Action<Stream>> writeFile)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkRows);
        for (var shard = 0; shard < paths.Count; shard++)
        {
            var count = (rows * (shard + 1) / paths.Count) - (rows * shard / paths.Count);
            var path = paths[shard];
            writeFile(path, stream => DataFileWriter.Write(stream, path, Chunks(count, chunkRows)));
        }
    }

    private IEnumerable<DataChunk> Chunks(long rows, int chunkRows)
    {
        var left = rows;
        do
        {
            var count = (int)Math.Min(chunkRows, left);
            yield return Next(count);
            left -= count;
        }
        while (left > 0);
    }
}
