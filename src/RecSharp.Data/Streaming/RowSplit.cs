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
        for (var row = 0; row < roles.Length; row++)
        {
            var text = key is null
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{Path.GetFileName(table.FileOf(row))}:{table.LineNumbers[row]}")
                : key.Text?[row] ?? key.Numbers![row].ToString("R", CultureInfo.InvariantCulture);
            var u = Share(text);
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

    private double Share(string key)
    {
        var hash = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(key), seed);
        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}
