using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RecSharp.Serving.Rows;

namespace RecSharp.Serving.Http;

/// <summary>
/// <c>POST /v1/predict</c>: <c>{"rows": [{field: value, …}, …]}</c> with raw values as in the training data, answered
/// <c>{"predictions": [{task: score, …}, …], "model": hash}</c>, one object per row, in order. 400 for a body that is
/// not such JSON or a row that cannot be scored (naming the row and the field), 413 beyond the body or row limit,
/// 503 when the queue is full.
/// </summary>
internal sealed class PredictEndpoint(ModelSlot slot, ServerOptions options, ServingMetrics metrics)
{
    private const string NotRows = "the body must be a JSON object whose \"rows\" is an array of row objects";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>Answers one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        metrics.InFlight(+1);
        try
        {
            await AnswerAsync(context).ConfigureAwait(false);
        }
        finally
        {
            metrics.InFlight(-1);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        if (context.Request.ContentLength > options.MaxBodyBytes)
        {
            await TooLargeAsync(context).ConfigureAwait(false);
            return;
        }
        var model = slot.Acquire();
        try
        {
            if (await QueueAsync(context, model).ConfigureAwait(false) is not { } scored) return;
            var result = await scored.ConfigureAwait(false);
            long writing = Stopwatch.GetTimestamp();
            await WritePredictionsAsync(context, model.Predictor.Info, result).ConfigureAwait(false);
            metrics.Stage("write", Stopwatch.GetElapsedTime(writing));
        }
        catch (InvalidRowException e)
        {
            await JsonResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, e.Message, e.Row, e.Field)
                .ConfigureAwait(false);
        }
        finally
        {
            model.Release();
        }
    }

    // Reads and encodes the rows and queues them for scoring; null once the request is answered with why not.
    private async Task<Task<ScoredRows>?> QueueAsync(HttpContext context, ServingModel model)
    {
        using var preparing = model.Batcher.Preparing();
        long start = Stopwatch.GetTimestamp();
        using var body = await ReadAsync(context).ConfigureAwait(false);
        if (body is null) return null;
        metrics.Stage("read", Stopwatch.GetElapsedTime(start));
        if (!body.RootElement.TryGetProperty("rows", out var rows) || rows.ValueKind != JsonValueKind.Array)
        {
            await JsonResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, NotRows).ConfigureAwait(false);
            return null;
        }
        if (rows.GetArrayLength() > options.MaxRows)
        {
            string tooMany = $"the request holds {rows.GetArrayLength()} rows; at most {options.MaxRows} are accepted";
            await JsonResponses.ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, tooMany)
                .ConfigureAwait(false);
            return null;
        }
        long encoding = Stopwatch.GetTimestamp();
        var prepared = model.Predictor.Prepare(rows);
        metrics.Stage("encode", Stopwatch.GetElapsedTime(encoding));
        metrics.Unseen(prepared.Unseen);
        if (prepared.Rows == 0)
            return Task.FromResult(new ScoredRows(new double[0, model.Predictor.Info.Tasks.Count], 0, 0));
        if (model.Batcher.TryEnqueue(prepared, out var scored)) return scored;
        context.Response.Headers.RetryAfter = "1";
        string full = $"the queue is full ({options.MaxQueueRows} rows wait to be scored); retry later";
        await JsonResponses.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, full).ConfigureAwait(false);
        return null;
    }

    // The body as a JSON object, or null once the request has been answered with why it is not one.
    private async Task<JsonDocument?> ReadAsync(HttpContext context)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, DocumentOptions, context.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            await JsonResponses.ErrorAsync(context, StatusCodes.Status400BadRequest,
                $"the body is not JSON: {e.Message}").ConfigureAwait(false);
            return null;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await TooLargeAsync(context).ConfigureAwait(false);
            return null;
        }
        catch (BadHttpRequestException e)
        {
            // The body broke off or arrived too slowly (Kestrel's minimum data rate): the client's fault, not a 500.
            context.Response.Headers.Connection = "close";
            await JsonResponses.ErrorAsync(context, e.StatusCode, $"the body could not be read: {e.Message}")
                .ConfigureAwait(false);
            return null;
        }
        if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
        document.Dispose();
        await JsonResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, NotRows).ConfigureAwait(false);
        return null;
    }

    // The rest of the body is not read, so the connection cannot carry another request.
    private Task TooLargeAsync(HttpContext context)
    {
        context.Response.Headers.Connection = "close";
        return JsonResponses.ErrorAsync(context, StatusCodes.Status413PayloadTooLarge,
            $"the body is larger than {options.MaxBodyBytes} bytes, the most accepted");
    }

    private static Task WritePredictionsAsync(HttpContext context, ModelInfo model, ScoredRows result) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("predictions");
            for (int row = result.Offset; row < result.Offset + result.Rows; row++)
            {
                writer.WriteStartObject();
                for (int task = 0; task < model.Tasks.Count; task++)
                {
                    double score = result.Scores[row, task];
                    if (double.IsFinite(score)) writer.WriteNumber(model.Tasks[task].Name, score);
                    else writer.WriteNull(model.Tasks[task].Name);      // a diverged model's NaN is not JSON
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteString("model", model.Hash);
            writer.WriteEndObject();
        });
}
