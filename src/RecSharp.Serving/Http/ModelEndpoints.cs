using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Prometheus;

namespace RecSharp.Serving.Http;

/// <summary>
/// The endpoints around predictions: <c>GET /healthz</c> (alive), <c>GET /readyz</c> (a model is loaded and the server
/// is not stopping), <c>GET /v1/model</c> (what is served), <c>GET /metrics</c> (Prometheus text format) and
/// <c>POST /v1/reload</c> (load the model again and serve it if it loads).
/// </summary>
internal sealed class ModelEndpoints(
    ModelSlot slot, ModelReloader reloader, CollectorRegistry registry, Func<bool> stopping)
{
    private static readonly JsonSerializerOptions InfoOptions = new(JsonResponses.Options)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary><c>GET /healthz</c>: the process answers.</summary>
    public Task HealthAsync(HttpContext context) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new { Status = "alive" });

    /// <summary><c>GET /readyz</c>: 200 while a model is served, 503 once the server is stopping.</summary>
    public Task ReadyAsync(HttpContext context) => stopping()
        ? JsonResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, new { Status = "stopping" })
        : JsonResponses.WriteAsync(context, StatusCodes.Status200OK,
            new { Status = "ready", Model = slot.Current.Predictor.Info.Hash });

    /// <summary>
    /// <c>GET /v1/model</c>: type, tasks, features with their kinds, hash, creation date, backend and source.
    /// </summary>
    public Task ModelAsync(HttpContext context) =>
        JsonResponses.WriteAsync(context, StatusCodes.Status200OK,
            writer => JsonSerializer.Serialize(writer, slot.Current.Predictor.Info, InfoOptions));

    /// <summary><c>GET /metrics</c>: every metric in the Prometheus text exposition format.</summary>
    public async Task MetricsAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /v1/reload</c>: 200 with <c>{"model", "previous"}</c> when the new model serves, 500 with the error and
    /// the model still served when it fails to load.
    /// </summary>
    public async Task ReloadAsync(HttpContext context)
    {
        var outcome = await reloader.ReloadAsync().ConfigureAwait(false);
        string error = $"the model failed to load and was not swapped in: {outcome.Error}";
        await (outcome.Loaded
            ? JsonResponses.WriteAsync(context, StatusCodes.Status200OK, new { outcome.Model, outcome.Previous })
            : JsonResponses.WriteAsync(context, StatusCodes.Status500InternalServerError,
                new { Error = error, outcome.Model }))
            .ConfigureAwait(false);
    }
}
