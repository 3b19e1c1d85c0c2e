using System.Runtime.InteropServices;
using RecSharp.Data.Reading;

namespace RecSharp.Application.Distributed;

/// <summary>
/// How the ranks of a data-parallel job divide a sharded source, one of at least as many files as ranks: rank r keeps
/// the rows of the files i with i mod N = r. Rank 0 reads every file, since it fits the preprocessing on all training
/// rows and reports on all of them; every other rank reads only its own files, and learns from rank 0 how many rows
/// each file holds, so that every rank numbers the rows as one process reading the files in order would, and the
/// seeded train, validation and test split is that process's.
/// </summary>
internal sealed class RankFiles
{
    private readonly DistributedJob _job;
    private long[] _first = [0];                        // per file, the number of its first row; then the total
    private long[] _position = [];                      // per file, the position of its first row in Read's table,
                                                        // or −1 when this rank does not read it

    private RankFiles(DistributedJob job, int files)
    {
        _job = job;
        Files = files;
    }

    /// <summary>The number of files.</summary>
    public int Files { get; }

    /// <summary>The rows of every file together.</summary>
    public int TotalRows => (int)_first[^1];

    /// <summary>The rows this rank read.</summary>
    public int RowsRead { get; private set; }

    /// <summary>How <paramref name="job"/> divides <paramref name="source"/>'s files, or null when it divides
    /// rows.</summary>
    public static RankFiles? For(DistributedJob job, DataSource source) =>
        job.Size > 1 && source.Files.Count >= job.Size ? new RankFiles(job, source.Files.Count) : null;

    /// <summary>Reads this rank's files (every file on rank 0), in the source's order, and learns every file's
    /// rows.</summary>
    public RawTable Read(DataSource source)
    {
        var chunks = new List<RawTable>();
        var counts = new long[Files];
        for (int f = 0; f < Files; f++)
        {
            if (!Reads(f)) continue;
            var file = source.Files[f];
            foreach (var chunk in source.ReaderOf(file).ReadChunks(file.Path, int.MaxValue))
            {
                chunks.Add(chunk);
                counts[f] += chunk.RowCount;
            }
        }
        var table = RawTable.Concat(source.Path, chunks);
        var shared = _job.Group.Broadcast(MemoryMarshal.AsBytes(counts.AsSpan()).ToArray());
        Number(MemoryMarshal.Cast<byte, long>(shared).ToArray());
        RowsRead = table.RowCount;
        return table;
    }

    /// <summary>The positions, in <see cref="Read"/>'s table, of <paramref name="rows"/> (rows of all files)
    /// read.</summary>
    public int[] Positions(int[] rows) =>
        rows.Select(row => (row, file: FileOf(row))).Where(r => _position[r.file] >= 0)
            .Select(r => (int)(_position[r.file] + r.row - _first[r.file])).ToArray();

    /// <summary>Of <paramref name="rows"/> (rows of all files) this rank read, the indices of those in its
    /// files.</summary>
    public int[] Mine(int[] rows) =>
        rows.Select(FileOf).Where(file => _position[file] >= 0).Select((file, i) => (file, i))
            .Where(r => IsMine(r.file)).Select(r => r.i).ToArray();

    private bool IsMine(int file) => file % _job.Size == _job.Rank;

    private bool Reads(int file) => _job.IsWriter || IsMine(file);

    // The file that holds a row: the last whose first row is at most the row (empty files start where the next does).
    private int FileOf(int row)
    {
        int low = 0, high = Files - 1;
        while (low < high)
        {
            int middle = (low + high + 1) / 2;
            if (_first[middle] <= row) low = middle;
            else high = middle - 1;
        }
        return low;
    }

    private void Number(long[] counts)
    {
        _first = new long[Files + 1];
        _position = new long[Files];
        long position = 0;
        for (int f = 0; f < Files; f++)
        {
            _first[f + 1] = _first[f] + counts[f];
            _position[f] = Reads(f) ? position : -1;
            if (Reads(f)) position += counts[f];
        }
        if (_first[^1] > Array.MaxLength)
            throw new ArgumentException($"the {Files} files hold {_first[^1]} rows, more than one table can");
    }
}
