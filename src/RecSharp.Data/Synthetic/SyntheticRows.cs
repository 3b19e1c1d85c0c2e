using RecSharp.Data.Writing;

namespace RecSharp.Data.Synthetic;

/// <summary>
/// A built-in generator drawing rows on demand, as file columns, so that a data set of any size can be written in
/// bounded memory: the rows drawn in several calls to <see cref="Next"/> are those of one call.
/// </summary>
public sealed class SyntheticRows
{
    private readonly Func<int, DataChunk> draw;

    private SyntheticRows(Func<int, DataChunk> draw)
    {
        this.draw = draw;
    }

    /// <summary>The generator of a kind, with its default sizes and the given seed.</summary>
    /// <param name="kind">The generator.</param>
    /// <param name="seed">The seed of every draw.</param>
    public static SyntheticRows Create(SyntheticKind kind, int seed)
    {
        switch (kind)
        {
            case SyntheticKind.ClickConversion:
                var clicks = new ClickConversionWorld(new ClickConversionOptions { Seed = seed });
                return new SyntheticRows(n => DataChunk.From(clicks.Draw(n)));
            case SyntheticKind.Mmoe:
                var mmoe = new MmoeSyntheticWorld(new MmoeSyntheticOptions { Seed = seed });
                return new SyntheticRows(n => DataChunk.From(mmoe.Draw(n)));
            case SyntheticKind.CensusLike:
                return new SyntheticRows(new CensusLikeGenerator(new CensusLikeOptions { Seed = seed }).Draw);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown generator.");
        }
    }

    /// <summary>Draws the next <paramref name="rows"/> rows.</summary>
    /// <param name="rows">The number of rows, at least 0.</param>
    public DataChunk Next(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        return draw(rows);
    }
}
