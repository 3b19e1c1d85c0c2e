using System.Globalization;
using System.IO.Hashing;
using System.Text;
using RecSharp.Data.Configuration;
using RecSharp.Data.Reading;

namespace RecSharp.Data.Streaming;

/// <summary>
/// A train/validation/test split of rows that needs no global shuffle, so that files can be streamed: each row's
/// share u in [0, 1) is a stable hash (XxHash64, seeded with <c>training.shuffleSeed</c>) of its key — the value of
/// <c>data.splitKey</c>, or else its file's name and its line (row position) in that file. Rows with
/// u &lt; testSplit are test rows, those below testSplit + (1 − testSplit) × validationSplit validation rows, the
/// rest training rows. A role given its own files (<c>data.testPath</c>, <c>data.validationPath</c>) takes no rows
/// here.
/// </summary>
public sealed class RowSplit
{
    private readonly double test;
    private readonly double validation;
    private readonly long seed;

    /// <summary>The split of an experiment's <c>data.path</c> rows.</summary>
    /// <param name="config">The experiment.</param>
    public RowSplit(ExperimentConfig config)
    {
        test = config.Data.TestPath is null ? config.Training.TestSplit : 0;
        double rest = config.Data.ValidationPath is null ? config.Training.ValidationSplit : 0;
        validation = test + ((1 - test) * rest);
        KeyColumn = config.Data.SplitKey;
        seed = config.Training.ShuffleSeed;
    }

    /// <summary>The column whose values decide the split, or null to split by row position.</summary>
    public string? KeyColumn { get; }

    /// <summary>Whether every row is a training row.</summary>
    public bool TrainsOnAll => validation == 0;

    /// <summary>The role of each row of <paramref name="table"/>.</summary>
    /// <param name="table">Rows read with the key column (see <see cref="Requests"/>).</param>
    public DataRole[] RolesOf(RawTable table)
    {
        var roles = new DataRole[table.RowCount];
        if (TrainsOnAll)
        {
            return roles;
        }

        var key = KeyColumn is null ? null : table[KeyColumn];
        var hasher = new KeyHasher(seed);
        string? file = null, name = null;
        for (var row = 0; row < roles.Length; row++)
        {
            double u;
            if (key is not null)
            {
                u = key.Text?[row] is { } text ? hasher.Share(text) : hasher.Share(key.Numbers![row]);
            }
            else
            {
                var current = table.FileOf(row);
                if (!ReferenceEquals(current, file))
                {
                    (file, name) = (current, Path.GetFileName(current));
                }

                u = hasher.Share(name!, table.LineNumbers[row]);
            }

            roles[row] = u < test ? DataRole.Test : u < validation ? DataRole.Validation : DataRole.Train;
        }

        return roles;
    }

    /// <summary>The rows of <paramref name="table"/> with role <paramref name="role"/>.</summary>
    /// <param name="table">Rows read with the key column.</param>
    /// <param name="role">The role kept.</param>
    public RawTable Keep(RawTable table, DataRole role)
    {
        if (TrainsOnAll)
        {
            return role == DataRole.Train ? table : table.Slice([]);
        }

        var roles = RolesOf(table);
        return table.Slice(Enumerable.Range(0, roles.Length).Where(r => roles[r] == role).ToArray());
    }

    /// <summary>The experiment's column requests, with the split key's column as text.</summary>
    /// <param name="config">The experiment.</param>
    /// <param name="includeLabels">False to read prediction inputs that have no label columns.</param>
    public IReadOnlyList<ColumnRequest> Requests(ExperimentConfig config, bool includeLabels = true)
    {
        var requests = ColumnRequests.ForExperiment(config, includeLabels);
        return KeyColumn is null
            ? requests
            : ColumnRequests.Merge(requests.Append(new ColumnRequest { Name = KeyColumn, Required = true }));
    }

    // A key's share in [0, 1): the top 53 bits of the XxHash64 of its UTF-8 bytes. The key is formatted and encoded
    // into buffers reused from row to row, so that splitting allocates nothing per row.
    private sealed class KeyHasher(long seed)
    {
        private char[] chars = new char[64];
        private byte[] bytes = new byte[192];

        // "name:line", as string.Create(CultureInfo.InvariantCulture, $"{name}:{line}") writes it.
        public double Share(string name, int line)
        {
            Reserve(ref chars, name.Length + 12);
            name.CopyTo(chars);
            chars[name.Length] = ':';
            line.TryFormat(chars.AsSpan(name.Length + 1), out var digits, default, CultureInfo.InvariantCulture);
            return Share(chars.AsSpan(0, name.Length + 1 + digits));
        }

        // The number as its round-trip text ("R", invariant culture).
        public double Share(double number)
        {
            Reserve(ref chars, 32);
            number.TryFormat(chars, out var written, "R", CultureInfo.InvariantCulture);
            return Share(chars.AsSpan(0, written));
        }

        public double Share(ReadOnlySpan<char> key)
        {
            Reserve(ref bytes, Encoding.UTF8.GetMaxByteCount(key.Length));
            var length = Encoding.UTF8.GetBytes(key, bytes);
            var hash = XxHash64.HashToUInt64(bytes.AsSpan(0, length), seed);
            return (hash >> 11) * (1.0 / (1UL << 53));
        }

        private static void Reserve<T>(ref T[] buffer, int length)
        {
            if (buffer.Length < length)
            {
                buffer = new T[Math.Max(length, buffer.Length * 2)];
            }
        }
    }
}
