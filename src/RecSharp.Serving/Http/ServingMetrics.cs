using Prometheus;

namespace RecSharp.Serving.Http;

/// <summary>
/// The server's Prometheus metrics, in a registry of its own: requests by endpoint and status, request latency,
/// batch sizes, queue depth, requests in flight, rows scored, unseen categories by feature and model reloads.
/// </summary>
internal sealed class ServingMetrics
{
    private readonly Counter _requests;
    private readonly Histogram _latency;
    private readonly Histogram _stages;
    private readonly Histogram _batchRows;
    private readonly Gauge _queuedRows;
    private readonly Gauge _inFlight;
    private readonly Counter _scoredRows;
    private readonly Counter _unseen;
    private readonly Counter _reloads;

    /// <summary>Creates the metrics in a new registry.</summary>
    public ServingMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _requests = factory.CreateCounter("recsharp_http_requests_total",
            "HTTP requests answered, by endpoint and status.", ["endpoint", "status"]);
        _latency = factory.CreateHistogram("recsharp_http_request_duration_seconds",
            "Time from a request's arrival to its answer, by endpoint.",
            new HistogramConfiguration
            {
                LabelNames = ["endpoint"],
                Buckets = Histogram.ExponentialBuckets(0.0001, 2, 17),                     // 0.1 ms to 6.6 s
            });
        _stages = factory.CreateHistogram("recsharp_predict_stage_seconds",
            "Where a prediction's time goes: read (the body read and parsed), encode (rows to model inputs), queue "
                + "(waiting for its batch), score (one forward pass of a batch), write (the answer written).",
            new HistogramConfiguration
            {
                LabelNames = ["stage"],
                Buckets = Histogram.ExponentialBuckets(0.00001, 2, 20),                    // 10 µs to 5.2 s
            });
        _batchRows = factory.CreateHistogram("recsharp_batch_rows", "Rows per forward pass of the micro-batcher.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 15) });
        _queuedRows = factory.CreateGauge("recsharp_queue_rows", "Rows waiting in the micro-batcher's queue.");
        _inFlight = factory.CreateGauge("recsharp_predict_requests_in_flight", "Prediction requests being answered.");
        _scoredRows = factory.CreateCounter("recsharp_scored_rows_total", "Rows scored.");
        _unseen = factory.CreateCounter("recsharp_unseen_values_total",
            "Categorical values not in the fitted vocabulary (scored with the out-of-vocabulary id), by feature.",
            ["feature"]);
        _reloads = factory.CreateCounter("recsharp_model_reloads_total", "Model reloads, by result (loaded, failed).",
            ["result"]);
    }

    /// <summary>The registry holding every metric of the server.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Counts an answered request and its duration.</summary>
    public void Answered(string endpoint, int status, TimeSpan duration)
    {
        _requests.WithLabels(endpoint, status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        _latency.WithLabels(endpoint).Observe(duration.TotalSeconds);
    }

    /// <summary>Times one stage of a prediction (see the metric's help for the stages).</summary>
    public void Stage(string stage, TimeSpan duration) => _stages.WithLabels(stage).Observe(duration.TotalSeconds);

    /// <summary>Records a forward pass of <paramref name="rows"/> rows.</summary>
    public void Batch(int rows)
    {
        _batchRows.Observe(rows);
        _scoredRows.Inc(rows);
    }

    /// <summary>Rows joined (positive) or left (negative) the queue.</summary>
    public void Queued(int change)
    {
        if (change >= 0) _queuedRows.Inc(change);
        else _queuedRows.Dec(-change);
    }

    /// <summary>A prediction request starts (+1) or ends (-1).</summary>
    public void InFlight(int change) => _inFlight.Inc(change);

    /// <summary>Counts the unseen categorical values of a request.</summary>
    public void Unseen(IReadOnlyDictionary<string, long> byFeature)
    {
        foreach (var (feature, count) in byFeature)
            if (count > 0) _unseen.WithLabels(feature).Inc(count);
    }

    /// <summary>Counts a reload.</summary>
    public void Reload(bool loaded) => _reloads.WithLabels(loaded ? "loaded" : "failed").Inc();
}
