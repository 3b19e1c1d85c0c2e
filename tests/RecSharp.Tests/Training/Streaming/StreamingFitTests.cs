using RecSharp.Models;
using RecSharp.Tests.Support;
using RecSharp.Training;
using RecSharp.Training.Callbacks;
using RecSharp.Training.Streaming;
using static TorchSharp.torch;

namespace RecSharp.Tests.Training.Streaming;

/// <summary>The streaming <c>Fit</c>: the same steps as the in-memory one, over rows read anew each epoch.</summary>
public sealed class StreamingFitTests : IDisposable
{
    private const int Rows = 60;
    private const int BatchSize = 8;
    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-stream-").FullName;

    private static Ple Model()
    {
        manual_seed(5);
        var model = new Ple(SyntheticInputs.Columns(), new PleOptions
        {
            ExpertDnnHiddenUnits = [8], GateDnnHiddenUnits = [4], TowerDnnHiddenUnits = [4], DnnDropout = 0.3,
        });
        model.Compile("adam", metrics: ["auc", "logloss"]);
        return model;
    }

    private static (Dictionary<string, Array> X, double[,] Y) Data()
    {
        var x = SyntheticInputs.Inputs(Rows);
        return (x, SyntheticInputs.BinaryLabels(x));
    }

    [Theory]
    [InlineData(true, 1, Rows)]          // the buffer holds the whole epoch: RowOrder's shuffle
    [InlineData(true, 1, 1000)]
    [InlineData(false, 4, 5)]            // no shuffling: parts and rows as stored, whatever the buffer
    public void AStreamInTheInMemoryOrderTrainsTheSameModel(bool shuffle, int parts, int buffer)
    {
        var (x, y) = Data();
        using var inMemory = Model();
        var expected = inMemory.Fit(x, y, batchSize: BatchSize, epochs: 3, verbose: 0, shuffle: shuffle);
        using var streamed = Model();
        var stream = new ArrayTrainingStream(x, y, parts);
        var actual = streamed.Fit(stream, batchSize: BatchSize, epochs: 3, verbose: 0, shuffle: shuffle,
            streaming: new StreamingOptions { ShuffleBuffer = buffer, ChunkRows = 20 });

        AssertSameWeights(inMemory, streamed);
        Assert.Equal(expected.Values.Keys.Order(), actual.Values.Keys.Order());
        foreach (var (name, values) in expected.Values)
            Assert.Equal(values, actual.Values[name], (a, b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a)));
        Assert.All(stream.Reads.Take(parts), reads => Assert.Equal(3, reads));
    }

    [Fact]
    public void GroupedMetricsOfAStreamAreThoseOfTheSameRowsInMemory()
    {
        var (x, y) = Data();
        static Ple Grouped()
        {
            var model = Model();
            model.Compile("adam", metrics: ["auc", "gauc"], groupBy: "user");
            return model;
        }
        using var inMemory = Grouped();
        var expected = inMemory.Fit(x, y, batchSize: BatchSize, epochs: 2, verbose: 0);
        using var streamed = Grouped();
        var actual = streamed.Fit(new ArrayTrainingStream(x, y), batchSize: BatchSize, epochs: 2, verbose: 0,
            streaming: new StreamingOptions { ShuffleBuffer = Rows, ChunkRows = 16 });

        Assert.Contains("ctr_gauc", actual.Values.Keys);
        Assert.Equal(expected.Values["ctr_gauc"], actual.Values["ctr_gauc"],
            (a, b) => Math.Abs(a - b) <= 1e-9);
        // Evaluated chunk by chunk, each chunk's groups join those of the others, as one table's do.
        var whole = streamed.Evaluate(x, y, batchSize: 16);
        var chunked = streamed.Evaluate(new ArrayTrainingStream(x, y, chunkRows: 7).ReadPart(0), batchSize: 16);
        Assert.True(double.IsFinite(whole["ctr_gauc"]));
        Assert.Equal(whole["ctr_gauc"], chunked["ctr_gauc"], 1e-6);
    }

    [Fact]
    public void ASmallBufferTrainsInAnotherOrderThanInMemory()
    {
        var (x, y) = Data();
        using var inMemory = Model();
        var expected = inMemory.Fit(x, y, batchSize: BatchSize, epochs: 2, verbose: 0);
        using var streamed = Model();
        var actual = streamed.Fit(new ArrayTrainingStream(x, y, parts: 3), batchSize: BatchSize, epochs: 2,
            verbose: 0, shuffleBuffer: 6);

        // The loss sums over every row, so the first epoch's loss differs from the in-memory one only through the
        // order.
        Assert.Equal(2, actual.Epochs.Count);
        Assert.NotEqual(expected.Values["loss"][0], actual.Values["loss"][0]);
        Assert.InRange(actual.Values["loss"][0], 0.5 * expected.Values["loss"][0], 2 * expected.Values["loss"][0]);
    }

    [Fact]
    public void TheShuffleBufferEmitsEveryRowOnceAndDependsOnItsSeedOnly()
    {
        var ids = Enumerable.Range(0, 50).ToArray();
        List<int> Emitted(int seed, int capacity) => new ShuffleBuffer(capacity, 8, new Random(seed))
            .Shuffle(Chunks(ids, 7)).SelectMany(c => (int[])c.X["id"]).ToList();

        var order = Emitted(1, 5);
        Assert.Equal(ids, order.Order());
        Assert.Equal(order, Emitted(1, 5));
        Assert.NotEqual(order, Emitted(2, 5));
        Assert.NotEqual(ids, order);
        // A buffer holding every row empties in RowOrder's order for the same seed.
        Assert.Equal(RowOrder.ForEpoch(ids.Length, true, 9, 0).Select(i => (int)i), Emitted(9, ids.Length));
        // A chunk is valid until the next is asked for: each is copied as it comes.
        var chunks = new ShuffleBuffer(5, 8, null).Shuffle(Chunks(ids, 7)).Select(c => ((int[])c.X["id"])[..c.Rows])
            .ToList();
        Assert.Equal(ids, chunks.SelectMany(c => c));
        Assert.Equal([8, 8, 8, 8, 8, 8, 2], chunks.Select(c => c.Length));
    }

    [Fact]
    public void TheShuffleBufferReusesOneOutputBlockForItsFullChunks()
    {
        var ids = Enumerable.Range(0, 50).ToArray();
        var arrays = new ShuffleBuffer(5, 8, new Random(3)).Shuffle(Chunks(ids, 7)).Select(c => c.X["id"]).ToList();

        // Six full chunks share one array; the short last one is its own copy.
        Assert.Equal(7, arrays.Count);
        Assert.All(arrays.Take(6), a => Assert.Same(arrays[0], a));
        Assert.NotSame(arrays[0], arrays[6]);
        Assert.Equal(2, arrays[6].Length);
    }

    [Fact]
    public void TheShuffleBufferCopiesEveryColumnTypeWholeAndRefusesAChunkWhoseTypesChange()
    {
        TrainingChunk Typed(int first, int rows, bool longIds = false)
        {
            var ids = Enumerable.Range(first, rows).ToArray();
            var pairs = new float[rows, 2];
            for (int r = 0; r < rows; r++) (pairs[r, 0], pairs[r, 1]) = (-ids[r], ids[r] + 0.5f);
            return new TrainingChunk(new Dictionary<string, Array>
            {
                ["id"] = longIds ? ids.Select(i => (long)i).ToArray() : ids,
                ["big"] = ids.Select(i => i * 10_000_000_000L).ToArray(),
                ["dense"] = ids.Select(i => i * 0.25f).ToArray(),
                ["wide"] = ids.Select(i => i * 0.125).ToArray(),
                ["pairs"] = pairs,
            }, new double[rows, 1]);
        }

        var rows = new ShuffleBuffer(4, 3, new Random(5)).Shuffle([Typed(0, 5), Typed(5, 5)])
            .SelectMany(c => Enumerable.Range(0, c.Rows).Select(r => (Id: ((int[])c.X["id"])[r],
                Big: ((long[])c.X["big"])[r], Dense: ((float[])c.X["dense"])[r], Wide: ((double[])c.X["wide"])[r],
                Pair: (((float[,])c.X["pairs"])[r, 0], ((float[,])c.X["pairs"])[r, 1]))))
            .ToList();

        // Each emitted row holds the values of one row in every column.
        Assert.Equal(Enumerable.Range(0, 10), rows.Select(r => r.Id).Order());
        Assert.All(rows, r => Assert.Equal((r.Id * 10_000_000_000L, r.Id * 0.25f, r.Id * 0.125, (-r.Id, r.Id + 0.5f)),
            (r.Big, r.Dense, r.Wide, r.Pair)));
        var error = Assert.Throws<ArgumentException>(() =>
            new ShuffleBuffer(4, 3, new Random(5)).Shuffle([Typed(0, 5), Typed(5, 5, longIds: true)]).ToList());
        Assert.Contains("same element types", error.Message);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 5)]
    [InlineData(1, 7)]      // the last batch of an epoch, before its end
    public void AResumedStreamingFitEndsWithTheWeightsOfAnUninterruptedOne(int stopEpoch, int stopBatch)
    {
        var (x, y) = Data();
        var options = new StreamingOptions { ShuffleBuffer = 10, ChunkRows = 16, MetricRows = 25 };
        History Fit(MultiTaskModel model, IReadOnlyList<Callback>? callbacks = null, string? resumeFrom = null) =>
            model.Fit(new ArrayTrainingStream(x, y, parts: 3), batchSize: BatchSize, epochs: 3, verbose: 0,
                streaming: options, callbacks: callbacks, resumeFrom: resumeFrom);
        using var straight = Model();
        var straightHistory = Fit(straight);
        string checkpoint = Path.Combine(_folder, "latest.safetensors");
        using (var interrupted = Model())
        {
            Assert.Throws<OperationCanceledException>(() =>
                Fit(interrupted, [new ModelCheckpoint(checkpoint, everyBatches: 1),
                    new Interrupt(stopEpoch, stopBatch)]));
        }

        manual_seed(987654);
        using var resumed = Model();
        var resumedHistory = Fit(resumed, resumeFrom: checkpoint);

        AssertSameWeights(straight, resumed);
        foreach (var (name, values) in resumedHistory.Values)
            Assert.Equal(straightHistory.Values[name][^values.Count..], values);
    }

    [Fact]
    public void ResumingAnInMemoryCheckpointWithAStreamIsRefused()
    {
        var (x, y) = Data();
        string checkpoint = Path.Combine(_folder, "memory.safetensors");
        using (var model = Model())
            model.Fit(x, y, batchSize: BatchSize, epochs: 1, verbose: 0, callbacks: [new ModelCheckpoint(checkpoint)]);
        using var streamed = Model();
        var error = Assert.Throws<ArgumentException>(() =>
            streamed.Fit(new ArrayTrainingStream(x, y), batchSize: BatchSize, epochs: 2, verbose: 0,
                resumeFrom: checkpoint));
        Assert.Contains("held its data in memory", error.Message);
    }

    [Theory]
    [InlineData(Rows + 1, "ended after")]
    [InlineData(Rows - 3, "more rows than")]
    public void AStreamWithOtherRowsThanItAnnouncesStopsTheFit(long announced, string message)
    {
        var (x, y) = Data();
        using var model = Model();
        var stream = new ArrayTrainingStream(x, y, announcedRows: announced);
        var error = Assert.Throws<InvalidDataException>(() => model.Fit(stream, batchSize: BatchSize, verbose: 0));
        Assert.Contains(message, error.Message);
    }

    private static IEnumerable<TrainingChunk> Chunks(int[] ids, int size) =>
        ids.Chunk(size).Select(c =>
            new TrainingChunk(new Dictionary<string, Array> { ["id"] = c }, new double[c.Length, 1]));

    /// <summary>Stands for the end of the process: throws once the fit reaches a given batch.</summary>
    private sealed class Interrupt(int stopEpoch, int stopBatch) : Callback
    {
        private int _epoch;
        public override void OnEpochBegin(int epoch) => _epoch = epoch;
        public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
        {
            if (_epoch == stopEpoch && batch == stopBatch) throw new OperationCanceledException("process stopped");
        }
    }

    private static void AssertSameWeights(MultiTaskModel expected, MultiTaskModel actual)
    {
        var want = expected.state_dict();
        foreach (var (name, tensor) in actual.state_dict())
            Assert.True(want[name].eq(tensor).all().item<bool>(), $"{name} differs");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
