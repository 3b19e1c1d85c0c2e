using Parquet;
using Parquet.Schema;

namespace RecSharp.Data.Writing;

/// <summary>
/// Writes chunks to a Parquet file with Parquet.Net, one row group per chunk (Snappy-compressed, strings
/// dictionary-encoded, which makes categorical columns several times smaller and faster to read).
/// </summary>
public static class ParquetChunkWriter
{
    /// <summary>Writes the chunks; the schema is the first chunk's columns, which every chunk must have.</summary>
    /// <param name="stream">A writable, seekable stream; left open.</param>
    /// <param name="chunks">The rows, at least one chunk.</param>
    /// <exception cref="ArgumentException">When a chunk's columns differ from the first chunk's.</exception>
    public static void Write(Stream stream, IEnumerable<DataChunk> chunks)
        => WriteAsync(stream, chunks).GetAwaiter().GetResult();

    private static async Task WriteAsync(Stream stream, IEnumerable<DataChunk> chunks)
    {
        ParquetWriter? writer = null;
        DataField[] fields = [];
        try
        {
            foreach (var chunk in chunks)
            {
                if (writer is null)
                {
                    fields = chunk.Columns.Select(c => Field(c.Key, c.Value)).ToArray();
                    var options = new ParquetOptions();
                    for (var i = 0; i < fields.Length; i++)
                    {
                        if (chunk.Columns[i].Value is string?[])
                        {
                            options.ColumnEncodingHints[fields[i].Path.ToString()] = EncodingHint.Dictionary;
                        }
                    }

                    writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, options);
                }

                using var group = writer.CreateRowGroup();
                for (var i = 0; i < fields.Length; i++)
                {
                    await WriteColumnAsync(group, fields[i], chunk, i);
                }
            }
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }
        }
    }

    private static DataField Field(string name, Array values) => values switch
    {
        int[] => new DataField<int>(name),
        long[] => new DataField<long>(name),
        float[] => new DataField<float>(name),
        double[] => new DataField<double>(name),
        _ => new DataField<string>(name, true),
    };

    private static async Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, DataChunk chunk, int index)
    {
        var (name, values) = chunk.Columns.Count > index ? chunk.Columns[index] : default;
        if (name != field.Name || Field(name, values).ClrType != field.ClrType)
        {
            throw new ArgumentException($"Every chunk must have the first chunk's columns; column {index + 1} is not "
                + $"'{field.Name}' of the same type.");
        }

        await (Write<int>(group, field, values) ?? Write<long>(group, field, values)
            ?? Write<float>(group, field, values) ?? Write<double>(group, field, values)
            ?? group.WriteAsync(field, (string?[])values!));
    }

    // Writes `values` when it is a T[]; null (and nothing written) for any other array.
    private static Task? Write<T>(ParquetRowGroupWriter group, DataField field, Array values)
        where T : struct
        => values is T[] typed ? group.WriteAsync<T>(field, typed) : null;
}
