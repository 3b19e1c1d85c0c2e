using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace RecSharp.Serving.Http;

/// <summary>JSON answers: written straight to the response, in snake_case.</summary>
internal static class JsonResponses
{
    /// <summary>The serializer options of every answer built from an object.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    // Quotes and other characters stay readable in messages; the answers are JSON, never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Answers <paramref name="status"/> with a JSON body written by <paramref name="write"/>.</summary>
    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, WriterOptions);
        write(writer);
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Answers <paramref name="status"/> with <paramref name="value"/> as JSON.</summary>
    public static Task WriteAsync<T>(HttpContext context, int status, T value) =>
        WriteAsync(context, status, writer => JsonSerializer.Serialize(writer, value, Options));

    /// <summary>
    /// Answers an error: <c>{"error": message}</c>, with the <c>row</c> (0-based position in <c>rows</c>) and the
    /// <c>field</c> when the problem lies in one.
    /// </summary>
    public static Task ErrorAsync(HttpContext context, int status, string message, int? row = null,
        string? field = null) =>
        WriteAsync(context, status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("error", message);
            if (row is { } r) writer.WriteNumber("row", r);
            if (field is not null) writer.WriteString("field", field);
            writer.WriteEndObject();
        });
}
