using System.Runtime.InteropServices;
using RecSharp.Data.Reading;

namespace RecSharp.Cli.Distributed;

/// <summary>
/// How the ranks of a data-parallel job divide a sharded source, one of at least as many files as ranks: rank r keeps
/// the rows of the files i with i mod N = r. Rank 0 reads every file, since it fits the preprocessing on all training
/// rows and reports on all of them; every other rank reads only its own files, and learns from rank 0 how many rows
/// each file holds, so that every rank numbers the rows as one process reading the files in order would, and the
/// seeded train, validation and test split is that process's.
/// </summary>
public sealed class RankFiles
{
    private readonly DistributedJob _job;
    private int[] _fileOfRow = [];                                  // per row of all files, the file it is in
    private int[] _positionOfRow = [];                              // per row of all files, its position in Read's
                                                                    // table, or −1 when this rank did not read it

    private RankFiles(DistributedJob job, int files)
    {
        _job = job;
        Files = files;
    }

    /// <summary>The number of files.</summary>
    public int Files { get; }

    /// <summary>The rows of every file together.</summary>
    public int TotalRows => _fileOfRow.Length;

    /// <summary>The rows this rank read.</summary>
    public int RowsRead { get; private set; }

    /// <summary>How <paramref name="job"/> divides <paramref name="source"/>'s files, or null when it divides rows.</summary>
    public static RankFiles? For(DistributedJob job, DataSource source) =>
        job.Size > 1 && source.Files.Count >= job.Size ? new RankFiles(job, source.Files.Count) : null;

    /// <summary>Reads this rank's files (every file on rank 0), in the source's order, and learns every file's rows.</summary>
    public RawTable Read(DataSource source)
    {
        var chunks = new List<RawTable>();
        var counts = new long[Files];
        for (int f = 0; f < Files; f++)
        {
            if (!_job.IsWriter && !IsMine(f)) continue;
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

    /// <summary>The positions, in <see cref="Read"/>'s table, of <paramref name="rows"/> (rows of all files) read.</summary>
    public int[] Positions(int[] rows) => rows.Select(r => _positionOfRow[r]).Where(p => p >= 0).ToArray();

    /// <summary>Of <paramref name="rows"/> (rows of all files) this rank read, the indices of those in its files.</summary>
    public int[] Mine(int[] rows) =>
        rows.Where(r => _positionOfRow[r] >= 0).Select((r, i) => (r, i)).Where(p => IsMine(_fileOfRow[p.r]))
            .Select(p => p.i).ToArray();

    private bool IsMine(int file) => file % _job.Size == _job.Rank;

    private void Number(long[] counts)
    {
        long total = counts.Sum();
        if (total > Array.MaxLength) throw new ArgumentException($"the {Files} files hold {total} rows, too many");
        _fileOfRow = new int[total];
        _positionOfRow = new int[total];
        int row = 0, position = 0;
        for (int f = 0; f < Files; f++)
        {
            bool read = _job.IsWriter || IsMine(f);
            for (long k = 0; k < counts[f]; k++, row++)
            {
                _fileOfRow[row] = f;
                _positionOfRow[row] = read ? position++ : -1;
            }
        }
    }
}
