using System.Diagnostics;
using static TorchSharp.torch;

namespace RecSharp.Bench.Measurement;

/// <summary>
/// The float32 matrix-product rate this process attains through libtorch at its current thread count: a
/// <c>(1024, 256) · (256, 256)</c> product (the width of the models' first expert layers, at prediction batch size),
/// written into a preallocated result, timed after a warm-up; the best of several short runs is the peak. Short runs
/// let the best one fall where no other process shares the cores.
/// </summary>
internal static class MatmulPeak
{
    /// <summary>Rows of the left operand.</summary>
    public const int Rows = 1024;

    /// <summary>Columns of the left operand, rows of the right one.</summary>
    public const int Inner = 256;

    /// <summary>Columns of the right operand.</summary>
    public const int Columns = 256;

    /// <summary>FLOPs of one product: <c>2·1024·256·256</c>.</summary>
    public const double FlopsPerProduct = 2.0 * Rows * Inner * Columns;

    /// <summary>The shape, for reports.</summary>
    public static string Shape => $"{Rows}x{Inner} @ {Inner}x{Columns} float32";

    /// <summary>Measures the peak.</summary>
    /// <param name="warmup">Untimed products first.</param>
    /// <param name="runs">Timed runs; the fastest counts.</param>
    /// <param name="productsPerRun">Products per timed run.</param>
    public static MatmulPeakResult Measure(int warmup = 20, int runs = 20, int productsPerRun = 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(productsPerRun);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var generator = new Generator(1024);
        var a = rand(Rows, Inner, generator: generator);                 // (1024, 256)
        var b = rand(Inner, Columns, generator: generator);              // (256, 256)
        var c = zeros(Rows, Columns);                                    // (1024, 256), overwritten: beta = 0
        for (int i = 0; i < warmup; i++) c.addmm_(a, b, beta: 0, alpha: 1);
        var rates = new double[runs];
        for (int run = 0; run < runs; run++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < productsPerRun; i++) c.addmm_(a, b, beta: 0, alpha: 1);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            rates[run] = FlopsPerProduct * productsPerRun / seconds;
        }
        return new MatmulPeakResult(rates, productsPerRun);
    }
}
