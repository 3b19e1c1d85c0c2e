using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RecSharp.Errors;
using RecSharp.Persistence;

namespace RecSharp.Serving.Http;

/// <summary>
/// The HTTP prediction server: Kestrel with minimal-API endpoints over a <see cref="Predictor"/>. Concurrent requests
/// are micro-batched on a bounded queue; the model can be reloaded (atomically: requests under way finish on the old
/// one); stopping stops accepting and answers the requests in flight first. Endpoints: <c>POST /v1/predict</c>,
/// <c>GET /healthz</c>, <c>GET /readyz</c>, <c>GET /v1/model</c>, <c>GET /metrics</c>, <c>POST /v1/reload</c>.
/// </summary>
public sealed class PredictionServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ModelSlot _slot;
    private readonly ModelReloader _reloader;
    private readonly ModelWatcher? _watcher;
    private readonly TextWriter _log;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stopping;

    private PredictionServer(ServerOptions options, ModelSlot slot, ServingMetrics metrics, Func<ServingModel> load,
        TextWriter log)
    {
        _slot = slot;
        _log = log;
        _reloader = new ModelReloader(slot, load, metrics, log);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            kestrel.Listen(AddressOf(options.Host), options.Port);
        });
        _app = builder.Build();
        _app.Use((context, next) => Measured(context, next, metrics));
        var predict = new PredictEndpoint(slot, options, metrics);
        var endpoints = new ModelEndpoints(slot, _reloader, metrics.Registry, () => Volatile.Read(ref _stopping) == 1);
        _app.MapPost("/v1/predict", (RequestDelegate)predict.HandleAsync);
        _app.MapGet("/healthz", (RequestDelegate)endpoints.HealthAsync);
        _app.MapGet("/readyz", (RequestDelegate)endpoints.ReadyAsync);
        _app.MapGet("/v1/model", (RequestDelegate)endpoints.ModelAsync);
        _app.MapGet("/metrics", (RequestDelegate)endpoints.MetricsAsync);
        _app.MapPost("/v1/reload", (RequestDelegate)endpoints.ReloadAsync);
        if (options.Watch)
        {
            _watcher = new ModelWatcher(Loading.ModelLoader.FilesOf(options.ModelPath), options.WatchInterval,
                () => _reloader.ReloadAsync());
        }
    }

    /// <summary>The address the server listens on, e.g. <c>http://127.0.0.1:8080</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>What is served now.</summary>
    public ModelInfo Model => _slot.Current.Predictor.Info;

    /// <summary>Loads the model and starts listening.</summary>
    /// <param name="options">The model, address and limits.</param>
    /// <param name="log">Receives one line per reload and per request that failed unexpectedly.</param>
    /// <param name="cancellationToken">Cancels starting.</param>
    /// <exception cref="ArgumentException">
    /// When an option is out of range (see <see cref="ServerOptions.Problem"/>).
    /// </exception>
    /// <exception cref="ModelArtifactException">When the model cannot be served; the message names its
    /// files.</exception>
    /// <exception cref="IOException">When the address cannot be bound (e.g. the port is in use).</exception>
    public static async Task<PredictionServer> StartAsync(ServerOptions options, TextWriter log,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        if (options.Problem() is { } problem) throw new ArgumentException(problem, nameof(options));
        var metrics = new ServingMetrics();
        ServingModel Load() => LoadModel(options, metrics);
        var slot = new ModelSlot(Load());
        PredictionServer? server = null;
        try
        {
            server = new PredictionServer(options, slot, metrics, Load, log);
            await server._app.StartAsync(cancellationToken).ConfigureAwait(false);
            var addresses = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            server.Address = new Uri(addresses.Addresses.First());
            return server;
        }
        catch
        {
            if (server is not null) await server.DisposeAsync().ConfigureAwait(false);
            else slot.Dispose();
            throw;
        }
    }

    /// <summary>Loads the model again and serves it if it loads; otherwise the current model goes on serving.</summary>
    public Task<ReloadOutcome> ReloadAsync() => _reloader.ReloadAsync();

    /// <summary>
    /// Stops: new connections are refused, <c>/readyz</c> answers 503, the requests in flight are answered (up to
    /// <see cref="ServerOptions.ShutdownTimeout"/>), then the model is released.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            await _stopped.Task.ConfigureAwait(false);
            return;
        }
        try
        {
            if (_watcher is not null) await _watcher.DisposeAsync().ConfigureAwait(false);
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _slot.Dispose();
            _reloader.Dispose();
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static ServingModel LoadModel(ServerOptions options, ServingMetrics metrics)
    {
        var loading = new PredictorOptions
        {
            Backend = options.Backend, BatchSize = options.MaxBatch, Threads = options.Threads,
        };
        var predictor = Predictor.Load(options.ModelPath, loading);
        if (predictor.AcceptsRawRows)
        {
            return new ServingModel(predictor,
                p => new MicroBatcher(p.Predict, options.MaxBatch, options.MaxDelay, options.MaxQueueRows, metrics));
        }
        predictor.Dispose();
        throw new ModelArtifactException($"{predictor.Info.Source} holds no fitted preprocessing (the model was "
            + "saved without one), so raw rows cannot be scored; serve a run folder that recsharp train wrote");
    }

    private static IPAddress AddressOf(string host) => host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host);

    // Every answer is counted by endpoint and status and timed; an unexpected failure is answered 500, never a crash.
    private async Task Measured(HttpContext context, RequestDelegate next, ServingMetrics metrics)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            string error = ErrorLine.Of(e);
            lock (_log) _log.WriteLine($"{context.Request.Method} {context.Request.Path} failed: {error}");
            await JsonResponses.ErrorAsync(context, StatusCodes.Status500InternalServerError,
                $"the server failed: {error}").ConfigureAwait(false);
        }
        finally
        {
            var duration = Stopwatch.GetElapsedTime(start);
            metrics.Answered(EndpointOf(context.Request.Path), context.Response.StatusCode, duration);
        }
    }

    private static string EndpointOf(PathString path) => path.Value switch
    {
        "/v1/predict" => "predict",
        "/v1/model" => "model",
        "/v1/reload" => "reload",
        "/healthz" => "healthz",
        "/readyz" => "readyz",
        "/metrics" => "metrics",
        _ => "other",
    };
}
