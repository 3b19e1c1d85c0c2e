using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using static RecSharp.Persistence.SafeTensors.SafeTensorsText;

namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// Parses a header strictly with <see cref="Utf8JsonReader"/>, rejecting duplicate keys, unknown
/// fields and values of the wrong kind. Sizes and offsets are checked later, against the data section.
/// </summary>
internal static class SafeTensorsHeaderParser
{
    private const string DTypeField = "dtype";
    private const string ShapeField = "shape";
    private const string OffsetsField = "data_offsets";

    /// <summary>Parses the UTF-8 JSON header.</summary>
    public static SafeTensorsHeader Parse(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            throw Fail("Header is not valid UTF-8.");
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            return ParseRoot(ref reader);
        }
        catch (JsonException ex)
        {
            throw new SafeTensorsFormatException($"Header is not valid JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // Raised when a string escapes to invalid UTF-16, such as a lone surrogate.
            throw new SafeTensorsFormatException($"Header has a string that is not valid Unicode: {ex.Message}", ex);
        }
    }

    private static SafeTensorsHeader ParseRoot(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail($"Header must be a JSON object, but it is {Describe(ref reader)}.");
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var tensors = new List<TensorHeader>();
        IReadOnlyDictionary<string, string> metadata = new Dictionary<string, string>();
        while (NextProperty(ref reader) is { } key)
        {
            if (!keys.Add(key))
            {
                throw Fail($"Header has the key {Quote(key)} more than once.");
            }

            if (key == SafeTensorsFormat.MetadataKey)
            {
                metadata = ParseMetadata(ref reader);
            }
            else
            {
                tensors.Add(ParseTensor(ref reader, key));
            }
        }

        // Anything after the root object other than whitespace makes this throw a JsonException.
        reader.Read();
        return new SafeTensorsHeader(metadata, tensors);
    }

    private static Dictionary<string, string> ParseMetadata(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail(
                $"{SafeTensorsFormat.MetadataKey} must be a JSON object of strings, but it is {Describe(ref reader)}.");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        while (NextProperty(ref reader) is { } key)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw Fail($"{SafeTensorsFormat.MetadataKey} value for {Quote(key)} must be a string, but it is " +
                    $"{Describe(ref reader)}.");
            }

            if (!metadata.TryAdd(key, reader.GetString()!))
            {
                throw Fail($"{SafeTensorsFormat.MetadataKey} has the key {Quote(key)} more than once.");
            }
        }

        return metadata;
    }

    private static TensorHeader ParseTensor(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail($"Tensor {Quote(name)} must be a JSON object, but it is {Describe(ref reader)}.");
        }

        SafeTensorDType? dtype = null;
        long[]? shape = null;
        long[]? offsets = null;
        while (NextProperty(ref reader) is { } field)
        {
            bool seen = field switch
            {
                DTypeField => dtype is not null,
                ShapeField => shape is not null,
                OffsetsField => offsets is not null,
                _ => throw Fail(
                    $"Tensor {Quote(name)} has an unknown field {Quote(field)}; allowed fields are {DTypeField}, " +
                        $"{ShapeField}, {OffsetsField}."),
            };
            if (seen)
            {
                throw Fail($"Tensor {Quote(name)} has the field '{field}' more than once.");
            }

            switch (field)
            {
                case DTypeField:
                    dtype = ParseDType(ref reader, name);
                    break;
                case ShapeField:
                    shape = ParseIntegers(ref reader, name, ShapeField, SafeTensorShape.MaxRank);
                    break;
                default:
                    offsets = ParseIntegers(ref reader, name, OffsetsField, 2);
                    break;
            }
        }

        return Complete(name, dtype, shape, offsets);
    }

    private static TensorHeader Complete(string name, SafeTensorDType? dtype, long[]? shape, long[]? offsets)
    {
        string? missing = dtype is null ? DTypeField : shape is null ? ShapeField : offsets is null ? OffsetsField
            : null;
        if (missing is not null)
        {
            throw Fail($"Tensor {Quote(name)} is missing the field '{missing}'.");
        }

        if (offsets!.Length != 2)
        {
            throw Fail($"Tensor {Quote(name)} {OffsetsField} must hold exactly 2 integers [begin, end], but it holds " +
                $"{offsets.Length}.");
        }

        return new TensorHeader(name, dtype!.Value, shape!, offsets[0], offsets[1]);
    }

    private static SafeTensorDType ParseDType(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Fail($"Tensor {Quote(name)} {DTypeField} must be a string, but it is {Describe(ref reader)}.");
        }

        string text = reader.GetString()!;
        if (!SafeTensorDTypes.TryParse(text, out SafeTensorDType? dtype))
        {
            throw Fail($"Tensor {Quote(name)} has an unknown dtype {Quote(text)}; known dtypes are " +
                $"{string.Join(", ", SafeTensorDTypes.KnownNames)}.");
        }

        return dtype.Value;
    }

    private static long[] ParseIntegers(ref Utf8JsonReader reader, string name, string field, int maxCount)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Fail($"Tensor {Quote(name)} {field} must be an array of integers, but it is {Describe(ref reader)}.");
        }

        var values = new List<long>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (values.Count == maxCount)
            {
                throw Fail($"Tensor {Quote(name)} {field} has more than {maxCount} entries.");
            }

            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value))
            {
                throw Fail($"Tensor {Quote(name)} {field}[{values.Count}] must be an integer, but it is " +
                    $"{Describe(ref reader)}.");
            }

            if (value < 0)
            {
                throw Fail($"Tensor {Quote(name)} {field}[{values.Count}] must not be negative, but it is {value}.");
            }

            values.Add(value);
        }

        return [.. values];
    }

    /// <summary>Reads the next property name of the current object, or <see langword="null"/> at its end.</summary>
    private static string? NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.EndObject ? null : reader.GetString();
    }

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => $"the number {Shorten(Encoding.UTF8.GetString(reader.ValueSpan))}",
        JsonTokenType.String => $"the string {Quote(reader.GetString()!)}",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.True or JsonTokenType.False =>
            $"the boolean {(reader.TokenType == JsonTokenType.True ? "true" : "false")}",
        JsonTokenType.Null => "null",
        _ => reader.TokenType.ToString(),
    };
}
