using System.Runtime.CompilerServices;
using nietras.SeparatedValues;
using RecSharp.Data.Reading.ParquetFiles;

namespace RecSharp.Data.Reading;

/// <summary>Validates rows (of a delimited text file or a typed file) and collects the requested fields of a chunk.
/// </summary>
internal sealed class ChunkBuilder
{
    private readonly string path;
    private readonly string[] names;
    private readonly IReadOnlyList<ColumnRequest> requests;
    private readonly CsvReadOptions options;
    private readonly RowNumbering numbering;
    private readonly MissingMarkers missing;
    private readonly List<ColumnBuffer> buffers = [];
    private readonly int shortRowFields;
    private readonly List<int> shortRowIndexes = [];
    private readonly RowValues<int> lineNumbers;
    private readonly List<int> skippedLines = [];
    private readonly List<string> skippedReasons = [];
    private long skipped;

    public ChunkBuilder(
        string path,
        string[] names,
        IReadOnlyList<ColumnRequest> requests,
        CsvReadOptions options,
        RowNumbering numbering = RowNumbering.Lines)
    {
        this.path = path;
        this.names = names;
        this.requests = requests;
        this.options = options;
        this.numbering = numbering;
        missing = new MissingMarkers(options.MissingMarkers);
        lineNumbers = new RowValues<int>(0);
        var kept = options.HasHeader ? names : names.Except(options.OptionalColumns, StringComparer.Ordinal).ToArray();
        shortRowFields = kept.Length < names.Length ? kept.Length : -1;

        foreach (var group in requests.GroupBy(r => r.Name, StringComparer.Ordinal))
        {
            var index = Array.IndexOf(names, group.Key);
            if (index < 0)
            {
                throw MissingColumn(group.Key);
            }

            buffers.Add(new ColumnBuffer(
                group.Key,
                index,
                keepText: group.Any(r => r.Kind == ColumnValueKind.Text),
                keepNumbers: group.Any(r => r.Kind == ColumnValueKind.Number),
                required: group.Any(r => r.Required),
                zeroOrOne: group.Any(r => r.ZeroOrOne),
                allowedValues: group.First().AllowedValues));
            shortRowIndexes.Add(Array.IndexOf(kept, group.Key));
        }
    }

    // The builder of the chunk after `previous`'s: the same checks, its columns' interned text, and room for as many
    // rows, so that a chunk as large as the previous one fills its arrays exactly, without growing or copying them.
    private ChunkBuilder(ChunkBuilder previous)
    {
        (path, names, requests, options) = (previous.path, previous.names, previous.requests, previous.options);
        (numbering, missing, shortRowFields) = (previous.numbering, previous.missing, previous.shortRowFields);
        shortRowIndexes = previous.shortRowIndexes;
        buffers = previous.buffers.Select(b => b.Next()).ToList();
        lineNumbers = new RowValues<int>(previous.RowCount);
    }

    public int RowCount => lineNumbers.Count;

    public bool HasSkipped => skipped > 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(SepReader.Row row, int line)
    {
        if (QuoteCheck.Problem(path, row.Span, line, options.Separator, row.ColCount, names.Length) is { } brokenQuote)
        {
            throw brokenQuote;
        }

        bool shortRow = row.ColCount == shortRowFields;
        if (row.ColCount != names.Length && !shortRow)
        {
            var without = shortRowFields < 0
                ? ""
                : $" (or {shortRowFields} without {string.Join(", ", options.OptionalColumns)})";
            Reject(new DataFormatException(
                path, line, null, null, $"expected {names.Length} fields{without} but found {row.ColCount}"));
            return;
        }

        for (int b = 0; b < buffers.Count; b++)
        {
            var buffer = buffers[b];
            int index = shortRow ? shortRowIndexes[b] : buffer.Index;
            var field = index < 0 ? ReadOnlySpan<char>.Empty : row[index].Span;
            var problem = buffer.Stage(field, index < 0 || missing.Contains(field));
            if (problem is not null)
            {
                Reject(new DataFormatException(path, line, buffer.Name, field.ToString(), problem));
                return;
            }
        }

        Accept(line);
    }

    /// <summary>Adds the row at <paramref name="row"/> of typed columns, indexed like the column names.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(TypedColumn?[] columns, int row, int number)
    {
        for (var b = 0; b < buffers.Count; b++)
        {
            var buffer = buffers[b];
            var column = columns[buffer.Index]!;
            var problem = column.StageInto(buffer, row, missing, options.TrimSpaces);
            if (problem is not null)
            {
                Reject(new DataFormatException(path, number, buffer.Name, column.Describe(row), problem, numbering));
                return;
            }
        }

        Accept(number);
    }

    public RawTable Build()
    {
        var report = new BadRowReport { SkippedCount = skipped, FirstLineNumbers = skippedLines.ToArray(),
            FirstReasons = skippedReasons.ToArray() };
        return new RawTable(path, lineNumbers.Take(), buffers.Select(b => b.Build()), report, numbering);
    }

    /// <summary>The builder of the next chunk (see the private constructor); called once this one is built.</summary>
    public ChunkBuilder Next() => new(this);

    private void Accept(int number)
    {
        foreach (var buffer in buffers)
        {
            buffer.Commit();
        }

        lineNumbers.Add(number);
    }

    private DataFormatException MissingColumn(string name)
    {
        if (numbering == RowNumbering.Rows)
        {
            var shown = string.Join(", ", names.Take(20).Select(n => $"\"{n}\"")) + (names.Length > 20 ? ", ..." : "");
            return new DataFormatException(path, null, name, null,
                $"required column \"{name}\" is not in the file (its columns: {shown})");
        }

        var where = options.HasHeader ? "the header" : "the configured column names";
        return new DataFormatException(
            path, options.HasHeader ? 1 : null, name, null, $"required column \"{name}\" is not in {where}");
    }

    private void Reject(DataFormatException error)
    {
        if (!options.SkipBadRows)
        {
            throw error;
        }

        skipped++;
        if (skippedLines.Count < BadRowReport.KeptExamples)
        {
            skippedLines.Add(error.LineNumber ?? 0);
            skippedReasons.Add(error.Message);
        }
    }
}
