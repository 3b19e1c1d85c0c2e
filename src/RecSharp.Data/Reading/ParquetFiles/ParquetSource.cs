using System.Text;
using Parquet;
using Parquet.Schema;
using RecSharp.Errors;

namespace RecSharp.Data.Reading.ParquetFiles;

/// <summary>
/// An open Parquet file whose row groups are read column by column into <see cref="TypedColumn"/>s. The file must
/// start and end with the Parquet marker; anything the Parquet reader cannot decode is reported as a corrupt file
/// rather than as the reader's own exception. The flat columns of a row group are decoded into arrays rented for it
/// (<see cref="RentedArrays"/>), valid until the next row group is read or the file is closed.
/// </summary>
internal sealed class ParquetSource : IDisposable
{
    private static readonly byte[] Marker = "PAR1"u8.ToArray();

    private readonly string path;
    private readonly ParquetReader reader;
    private readonly RentedArrays rented = new();

    private ParquetSource(string path, ParquetReader reader)
    {
        this.path = path;
        this.reader = reader;
    }

    /// <summary>The top-level fields.</summary>
    public IReadOnlyList<Field> Fields => reader.Schema.Fields;

    /// <summary>The top-level field names, in file order.</summary>
    public string[] Names => Fields.Select(f => f.Name).ToArray();

    /// <summary>The number of row groups.</summary>
    public int RowGroupCount => reader.RowGroupCount;

    /// <summary>Opens the file and reads its footer.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="DataFormatException">When the file is not Parquet, is truncated or has a corrupt footer.
    /// </exception>
    public static ParquetSource Open(string path)
    {
        var stream = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        try
        {
            CheckMarkers(stream, path);
            var reader = ParquetReader.CreateAsync(stream, leaveStreamOpen: false).GetAwaiter().GetResult();
            return new ParquetSource(path, reader);
        }
        catch (Exception e) when (e is not DataFormatException)
        {
            stream.Dispose();
            throw Corrupt(path, "its footer (the schema and row group list) cannot be read", e);
        }
        catch (DataFormatException)
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the planned columns of one row group; returns the row count and the columns, which are valid until the
    /// next row group is read or the file is closed.
    /// </summary>
    /// <param name="index">The row group, from 0.</param>
    /// <param name="plans">Per top-level field, its plan, or null when it is not read.</param>
    /// <exception cref="DataFormatException">When the row group's data cannot be decoded.</exception>
    public (int Rows, TypedColumn?[] Columns) ReadRowGroup(int index, IReadOnlyList<ParquetColumnPlan?> plans)
    {
        try
        {
            return ReadRowGroupAsync(index, plans).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not DataFormatException)
        {
            throw Corrupt(path, $"row group {index + 1} of {RowGroupCount} cannot be read", e);
        }
    }

    public void Dispose()
    {
        rented.Dispose();
        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private async Task<(int, TypedColumn?[])> ReadRowGroupAsync(int index, IReadOnlyList<ParquetColumnPlan?> plans)
    {
        rented.ReturnAll();
        var group = reader.OpenRowGroupReader(index);
        var rows = checked((int)group.RowCount);
        var columns = new TypedColumn?[plans.Count];
        for (var i = 0; i < plans.Count; i++)
        {
            if (plans[i] is { } plan)
            {
                columns[i] = plan.Kind == ParquetValueKind.List
                    ? await ReadListAsync(group, plan.Leaf, rows, plan.ListDelimiter!)
                    : await ReadFlatAsync(group, plan.Leaf, rows);
            }
        }

        return (rows, columns);
    }

    private async Task<TypedColumn> ReadFlatAsync(ParquetRowGroupReader group, DataField field, int rows)
        => Type.GetTypeCode(field.ClrType) switch
        {
            TypeCode.Boolean => await FlatAsync<bool>(group, field, rows, (v, p) => new BooleanColumn(v, p)),
            TypeCode.SByte => await NumbersAsync<sbyte>(group, field, rows),
            TypeCode.Byte => await NumbersAsync<byte>(group, field, rows),
            TypeCode.Int16 => await NumbersAsync<short>(group, field, rows),
            TypeCode.UInt16 => await NumbersAsync<ushort>(group, field, rows),
            TypeCode.Int32 => await NumbersAsync<int>(group, field, rows),
            TypeCode.UInt32 => await NumbersAsync<uint>(group, field, rows),
            TypeCode.Int64 => await NumbersAsync<long>(group, field, rows),
            TypeCode.UInt64 => await NumbersAsync<ulong>(group, field, rows),
            TypeCode.Single => await NumbersAsync<float>(group, field, rows),
            TypeCode.Double => await NumbersAsync<double>(group, field, rows),
            TypeCode.Decimal => await NumbersAsync<decimal>(group, field, rows),
            _ when field.ClrType == typeof(Half) => await NumbersAsync<Half>(group, field, rows),
            _ when field.ClrType == typeof(ReadOnlyMemory<char>)
                => await FlatAsync<ReadOnlyMemory<char>>(group, field, rows, (v, p) => new TextColumn(v, p)),
            _ => throw new InvalidOperationException($"column \"{field.Name}\" of {field.ClrType.Name} has no reader"),
        };

    private Task<TypedColumn> NumbersAsync<T>(ParquetRowGroupReader group, DataField field, int rows)
        where T : struct, System.Numerics.INumberBase<T>
        => FlatAsync<T>(group, field, rows, (v, p) => new NumberColumn<T>(v, p));

    private async Task<TypedColumn> FlatAsync<T>(
        ParquetRowGroupReader group, DataField field, int rows, Func<T[], bool[]?, TypedColumn> create)
        where T : struct
    {
        var values = rented.Rent<T>(rows);
        if (field.MaxDefinitionLevel == 0)
        {
            await group.ReadRawAsync<T>(field, values.AsMemory(0, rows), null, null);
            return create(values, null);
        }

        var levels = rented.Rent<int>(rows);
        await group.ReadRawAsync<T>(field, values.AsMemory(0, rows), levels.AsMemory(0, rows), null);
        var present = rented.Rent<bool>(rows);
        TypedColumn.Spread(values, levels.AsSpan(0, rows), field.MaxDefinitionLevel, present);
        return create(values, present);
    }

    private static Task<TypedColumn> ReadListAsync(
        ParquetRowGroupReader group, DataField field, int rows, string delimiter)
        => Type.GetTypeCode(field.ClrType) switch
        {
            TypeCode.Boolean => JoinedAsync<bool>(group, field, rows, delimiter, AppendBoolean),
            TypeCode.SByte => JoinedAsync<sbyte>(group, field, rows, delimiter, Invariant),
            TypeCode.Byte => JoinedAsync<byte>(group, field, rows, delimiter, Invariant),
            TypeCode.Int16 => JoinedAsync<short>(group, field, rows, delimiter, Invariant),
            TypeCode.UInt16 => JoinedAsync<ushort>(group, field, rows, delimiter, Invariant),
            TypeCode.Int32 => JoinedAsync<int>(group, field, rows, delimiter, Invariant),
            TypeCode.UInt32 => JoinedAsync<uint>(group, field, rows, delimiter, Invariant),
            TypeCode.Int64 => JoinedAsync<long>(group, field, rows, delimiter, Invariant),
            TypeCode.UInt64 => JoinedAsync<ulong>(group, field, rows, delimiter, Invariant),
            _ => JoinedAsync<ReadOnlyMemory<char>>(group, field, rows, delimiter, (b, v) => b.Append(v.Span)),
        };

    private static void AppendBoolean(StringBuilder builder, bool value) => builder.Append(value ? "true" : "false");

    private static void Invariant<T>(StringBuilder builder, T value)
        where T : ISpanFormattable
        => builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"{value}");

    // A list's rows as one text field each, elements joined with the delimiter; null elements are left out and a row
    // without elements is null (missing).
    private static async Task<TypedColumn> JoinedAsync<T>(
        ParquetRowGroupReader group, DataField field, int rows, string delimiter, Action<StringBuilder, T> append)
        where T : struct
    {
        var count = checked((int)(group.GetMetadata(field)?.MetaData?.NumValues ?? rows));
        var values = new T[count];
        var definitions = new int[count];
        var repetitions = new int[count];
        await group.ReadRawAsync<T>(field, values, definitions, repetitions);

        var joined = new ReadOnlyMemory<char>[rows];
        var present = new bool[rows];
        var builder = new StringBuilder();
        var row = -1;
        for (int level = 0, next = 0; level < count; level++)
        {
            if (repetitions[level] == 0)
            {
                Finish(joined, present, row, builder);
                row++;
            }

            if (definitions[level] == field.MaxDefinitionLevel)
            {
                builder.Append(builder.Length > 0 ? delimiter : "");
                append(builder, values[next++]);
            }
        }

        Finish(joined, present, row, builder);
        return new TextColumn(joined, present);
    }

    private static void Finish(ReadOnlyMemory<char>[] joined, bool[] present, int row, StringBuilder builder)
    {
        if (row >= 0 && row < joined.Length && builder.Length > 0)
        {
            joined[row] = builder.ToString().AsMemory();
            present[row] = true;
        }

        builder.Clear();
    }

    private static void CheckMarkers(FileStream stream, string path)
    {
        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[4];
        var length = stream.Length;
        var read = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        if (read < 4 || !head.SequenceEqual(Marker))
        {
            throw new DataFormatException(path, null, null, null,
                "the file is not Parquet: it does not start with the Parquet marker 'PAR1'");
        }

        stream.Position = Math.Max(4, length - 4);
        if (length < 12 || stream.ReadAtLeast(tail, 4, throwOnEndOfStream: false) < 4 || !tail.SequenceEqual(Marker))
        {
            throw new DataFormatException(path, null, null, null,
                "the Parquet file is truncated: it does not end with the Parquet marker 'PAR1' after its footer");
        }

        stream.Position = 0;
    }

    private static DataFormatException Corrupt(string path, string what, Exception cause)
    {
        return new DataFormatException(path, null, null, null,
            $"the Parquet file is corrupt: {what} ({ErrorLine.Of(cause)})");
    }
}
