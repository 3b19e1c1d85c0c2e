using Parquet.Schema;

namespace RecSharp.Data.Reading.ParquetFiles;

/// <summary>
/// How one requested column of a Parquet file is read: its leaf field, what it holds and, for a list read by a
/// sequence feature, the delimiter its elements are joined with.
/// </summary>
/// <param name="Leaf">The field holding the values (a list's element field for lists).</param>
/// <param name="Kind">What the column holds.</param>
/// <param name="ListDelimiter">The delimiter joining a list's elements; null for other columns.</param>
internal sealed record ParquetColumnPlan(DataField Leaf, ParquetValueKind Kind, string? ListDelimiter)
{
    private const string TextUses = "sparse, hashed and sequence features and labels with 'positive' values read "
        + "integers, booleans or strings";

    private const string NumberUses = "dense features and numeric labels read integers, floats, decimals, booleans or "
        + "strings holding numbers";

    /// <summary>
    /// The plan of every requested column, indexed like <paramref name="names"/> (null for columns not requested),
    /// refusing a column whose type no request can read.
    /// </summary>
    /// <param name="path">The file, for messages.</param>
    /// <param name="fields">The file's top-level fields.</param>
    /// <param name="names">The top-level field names.</param>
    /// <param name="requests">The requested columns, all present in <paramref name="names"/>.</param>
    /// <exception cref="DataFormatException">
    /// When a column's type does not fit its use, naming file, column and type.
    /// </exception>
    public static ParquetColumnPlan?[] ForRequests(
        string path, IReadOnlyList<Field> fields, string[] names, IReadOnlyList<ColumnRequest> requests)
    {
        var plans = new ParquetColumnPlan?[names.Length];
        foreach (var group in requests.GroupBy(r => r.Name, StringComparer.Ordinal))
        {
            var index = Array.IndexOf(names, group.Key);
            var field = fields[index];
            var (leaf, kind) = Classify(field);
            var delimiter = group.Select(r => r.ListDelimiter).FirstOrDefault(d => d is not null);
            foreach (var request in group)
            {
                if (Problem(request, kind, delimiter) is { } problem)
                {
                    throw new DataFormatException(path, null, group.Key, null,
                        $"the column holds {TypeName(field)}, which {problem}");
                }
            }

            plans[index] = new ParquetColumnPlan(leaf!, kind, kind == ParquetValueKind.List ? delimiter : null);
        }

        return plans;
    }

    /// <summary>The kind of values a CLR type read from Parquet holds (lists aside).</summary>
    /// <param name="type">The field's CLR type.</param>
    public static ParquetValueKind KindOf(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Boolean => ParquetValueKind.Boolean,
        TypeCode.SByte or TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
            or TypeCode.Int64 or TypeCode.UInt64 => ParquetValueKind.Integer,
        TypeCode.Single or TypeCode.Double or TypeCode.Decimal => ParquetValueKind.Real,
        TypeCode.String => ParquetValueKind.Text,
        _ when type == typeof(ReadOnlyMemory<char>) => ParquetValueKind.Text,
        _ when type == typeof(Half) => ParquetValueKind.Real,
        _ => ParquetValueKind.Other,
    };

    private static (DataField? Leaf, ParquetValueKind Kind) Classify(Field field)
    {
        switch (field)
        {
            case ListField { Item: DataField item } when item.MaxRepetitionLevel == 1:
                return (item, ListOf(KindOf(item.ClrType)));
            case DataField data when data.MaxRepetitionLevel == 1:
                return (data, ListOf(KindOf(data.ClrType)));
            case DataField data when data.MaxRepetitionLevel == 0:
                return (data, KindOf(data.ClrType));
            default:
                return (null, ParquetValueKind.Other);
        }
    }

    private static ParquetValueKind ListOf(ParquetValueKind element)
        => element is ParquetValueKind.Integer or ParquetValueKind.Text or ParquetValueKind.Boolean
            ? ParquetValueKind.List
            : ParquetValueKind.Other;

    private static string? Problem(ColumnRequest request, ParquetValueKind kind, string? delimiter)
    {
        if (kind == ParquetValueKind.Other)
        {
            return $"cannot be read: {(request.Kind == ColumnValueKind.Text ? TextUses : NumberUses)}";
        }

        if (kind == ParquetValueKind.List)
        {
            return request.Kind == ColumnValueKind.Text && delimiter is not null
                ? null
                : "only a sequence feature reads (a list of integers, booleans or strings)";
        }

        return (request.Kind, kind) switch
        {
            (ColumnValueKind.Text, ParquetValueKind.Real) => $"cannot be read as categories: {TextUses}",
            _ => null,
        };
    }

    private static string TypeName(Field field) => field switch
    {
        ListField { Item: DataField item } => $"lists of {TypeName(item.ClrType)}",
        ListField list => $"lists of {TypeName(list.Item)}",
        DataField { MaxRepetitionLevel: > 0 } data => $"repeated {TypeName(data.ClrType)}",
        DataField data => TypeName(data.ClrType),
        StructField => "structs",
        MapField => "maps",
        _ => field.SchemaType.ToString().ToLowerInvariant(),
    };

    private static string TypeName(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Boolean => "booleans",
        TypeCode.SByte => "8-bit integers",
        TypeCode.Byte => "8-bit unsigned integers",
        TypeCode.Int16 => "16-bit integers",
        TypeCode.UInt16 => "16-bit unsigned integers",
        TypeCode.Int32 => "32-bit integers",
        TypeCode.UInt32 => "32-bit unsigned integers",
        TypeCode.Int64 => "64-bit integers",
        TypeCode.UInt64 => "64-bit unsigned integers",
        TypeCode.Single => "32-bit floats",
        TypeCode.Double => "64-bit floats",
        TypeCode.Decimal => "decimals",
        TypeCode.String => "strings",
        TypeCode.DateTime => "timestamps",
        _ when type == typeof(ReadOnlyMemory<char>) => "strings",
        _ when type == typeof(Half) => "16-bit floats",
        _ when type == typeof(DateOnly) => "dates",
        _ when type == typeof(TimeSpan) || type == typeof(TimeOnly) => "times",
        _ when type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>) => "binary values",
        _ => type.Name,
    };
}
