using System.Text.Json;
using System.Text.Json.Serialization;

namespace RecSharp.Features;

/// <summary>Reads and writes an <see cref="EmbeddingDim"/> as a positive JSON number, or as the string
/// <c>"auto"</c>.</summary>
public sealed class EmbeddingDimJsonConverter : JsonConverter<EmbeddingDim>
{
    /// <inheritdoc />
    public override EmbeddingDim Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String
            && string.Equals(reader.GetString(), "auto", StringComparison.OrdinalIgnoreCase))
        {
            return EmbeddingDim.Auto;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) && value > 0)
        {
            return EmbeddingDim.Fixed(value);
        }

        throw new JsonException("An embedding dimension must be a positive integer or \"auto\".");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, EmbeddingDim value, JsonSerializerOptions options)
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
