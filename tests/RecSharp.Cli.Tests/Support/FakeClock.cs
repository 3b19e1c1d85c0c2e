namespace RecSharp.Cli.Tests.Support;

/// <summary>A clock that moves only when told to, in ticks of 100 ns.</summary>
public sealed class FakeClock : TimeProvider
{
    private long _ticks;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() => _ticks;

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
