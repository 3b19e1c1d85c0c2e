using Parquet;
using Parquet.Schema;

namespace RecSharp.Data.Tests.Support;

/// <summary>One column to write into a Parquet test file: its field and how to write a slice of its rows.</summary>
internal sealed record ParquetTestColumn(DataField Field, Func<ParquetRowGroupWriter, int, int, Task> WriteSlice)
{
    public static ParquetTestColumn Of<T>(string name, T[] values)
        where T : struct
    {
        var field = new DataField<T>(name);
        return new(field, (group, start, count) => group.WriteAsync<T>(field, values.AsMemory(start, count)));
    }

    public static ParquetTestColumn Nullable<T>(string name, T?[] values)
        where T : struct
    {
        var field = new DataField<T?>(name);
        return new(field, (group, start, count)
            => group.WriteAsync<T>(field, (ReadOnlyMemory<T?>)values.AsMemory(start, count)));
    }

    public static ParquetTestColumn Strings(string name, string?[] values)
    {
        var field = new DataField<string>(name, true);
        return new(field, (group, start, count) => group.WriteAsync(field, values[start..(start + count)]!));
    }
}

/// <summary>Writes Parquet test files with Parquet.Net, in row groups of chosen sizes.</summary>
internal static class ParquetTestFile
{
    public static string Write(string path, IReadOnlyList<ParquetTestColumn> columns, params int[] rowGroupSizes)
    {
        WriteAsync(path, columns, rowGroupSizes).GetAwaiter().GetResult();
        return path;
    }

    private static async Task WriteAsync(string path, IReadOnlyList<ParquetTestColumn> columns, int[] rowGroupSizes)
    {
        var schema = new ParquetSchema(columns.Select(c => (Field)c.Field).ToArray());
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        var start = 0;
        foreach (var size in rowGroupSizes)
        {
            using var group = writer.CreateRowGroup();
            foreach (var column in columns)
            {
                await column.WriteSlice(group, start, size);
            }

            start += size;
        }
    }
}
