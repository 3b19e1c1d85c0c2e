namespace RecSharp.Training.Callbacks;

/// <summary>
/// The best value a callback has seen of the quantity it monitors, read from each epoch's logs; a quantity that is
/// not logged fails the fit with a message naming the callback and what is logged.
/// </summary>
internal sealed class MonitoredBest
{
    private readonly string _callback;
    private readonly bool _higherIsBetter;

    /// <summary>Creates the tracker; <see cref="Reset"/> starts it as a fit begins.</summary>
    /// <param name="callback">The callback's name, for messages.</param>
    /// <param name="monitor">The logged quantity to watch.</param>
    /// <param name="mode"><c>min</c>, <c>max</c> or <c>auto</c> (see <see cref="MonitorMode"/>).</param>
    public MonitoredBest(string callback, string monitor, string mode)
    {
        _callback = callback;
        _higherIsBetter = MonitorMode.HigherIsBetter(monitor, mode);
        Monitor = monitor;
    }

    /// <summary>The watched quantity.</summary>
    public string Monitor { get; }

    /// <summary>
    /// The best value seen since the last <see cref="Reset"/> (before any, the infinity every value beats; 0 before
    /// the first reset).
    /// </summary>
    public double Best { get; private set; }

    /// <summary>Forgets the values seen, as a fit begins.</summary>
    public void Reset() => Best = _higherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;

    /// <summary>
    /// Whether the epoch's value beats the best by more than <paramref name="minDelta"/>; it then becomes the best.
    /// </summary>
    /// <param name="logs">The epoch's logs.</param>
    /// <param name="minDelta">The least change that counts as an improvement.</param>
    /// <exception cref="InvalidOperationException">When the quantity is not logged.</exception>
    public bool Improves(IReadOnlyDictionary<string, double> logs, double minDelta = 0)
    {
        if (!logs.TryGetValue(Monitor, out double current))
        {
            throw new InvalidOperationException(
                $"{_callback} monitors \"{Monitor}\", which is not logged; logged: {string.Join(", ", logs.Keys)}");
        }

        if (!MonitorMode.IsImprovement(current, Best, _higherIsBetter, minDelta)) return false;
        Best = current;
        return true;
    }
}
