using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecSharp.Data.Schema;

/// <summary>Writes an <see cref="EmbeddingDimension"/> as a JSON number, or as the string <c>"auto"</c>.</summary>
public sealed class EmbeddingDimensionJsonConverter : JsonConverter<EmbeddingDimension>
{
    /// <inheritdoc />
    public override EmbeddingDimension Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && string.Equals(reader.GetString(), "auto", StringComparison.OrdinalIgnoreCase))
        {
            return EmbeddingDimension.Auto;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) && value > 0)
        {
            return EmbeddingDimension.Fixed(value);
        }

        throw new JsonException("An embedding dimension must be a positive integer or \"auto\".");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, EmbeddingDimension value, JsonSerializerOptions options)
    {
        if (value.IsAuto)
        {
            writer.WriteStringValue("auto");
        }
        else
        {
            writer.WriteNumberValue(value.Value);
        }
    }
}
