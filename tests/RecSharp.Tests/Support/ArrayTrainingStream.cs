using RecSharp.Training.Streaming;

namespace RecSharp.Tests.Support;

/// <summary>
/// In-memory rows served as a training stream: <c>parts</c> consecutive parts of (nearly) equal size, each read in
/// chunks of <c>chunkRows</c> rows. Counts how often each part is read.
/// </summary>
public sealed class ArrayTrainingStream : ITrainingStream
{
    private readonly IReadOnlyDictionary<string, Array> _x;
    private readonly double[,] _y;
    private readonly int[] _starts;
    private readonly int _chunkRows;

    public ArrayTrainingStream(IReadOnlyDictionary<string, Array> x, double[,] y, int parts = 1, int chunkRows = 7,
        long? announcedRows = null)
    {
        _x = x;
        _y = y;
        _chunkRows = chunkRows;
        int rows = y.GetLength(0);
        _starts = Enumerable.Range(0, parts + 1).Select(p => (int)((long)rows * p / parts)).ToArray();
        Parts = Enumerable.Range(0, parts).Select(p => $"part-{p}").ToArray();
        Rows = announcedRows ?? rows;
        Reads = new int[parts];
    }

    public IReadOnlyList<string> Parts { get; }

    public long Rows { get; }

    public ulong Fingerprint => 42;

    /// <summary>How many times each part was opened.</summary>
    public int[] Reads { get; }

    public IEnumerable<TrainingChunk> ReadPart(int part)
    {
        Reads[part]++;
        for (int start = _starts[part]; start < _starts[part + 1]; start += _chunkRows)
        {
            int count = Math.Min(_chunkRows, _starts[part + 1] - start);
            var x = _x.ToDictionary(kv => kv.Key, kv => SliceRows(kv.Value, start, count), StringComparer.Ordinal);
            yield return new TrainingChunk(x, (double[,])SliceRows(_y, start, count));
        }
    }

    /// <summary>Rows <c>[start, start + count)</c> of an array of any rank.</summary>
    public static Array SliceRows(Array array, int start, int count)
    {
        var lengths = Enumerable.Range(0, array.Rank).Select(array.GetLength).ToArray();
        int width = array.Length / Math.Max(1, lengths[0]);
        lengths[0] = count;
        var result = Array.CreateInstance(array.GetType().GetElementType()!, lengths);
        Array.Copy(array, (long)start * width, result, 0, (long)count * width);
        return result;
    }
}
