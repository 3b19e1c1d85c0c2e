namespace RecSharp.Data.Randomness;

/// <summary>
/// The PCG32 generator (O'Neill 2014, XSH-RR output, 64-bit state, stream 54): a small, fast,
/// fully specified generator, so shuffles and synthetic data are identical on every runtime and platform.
/// </summary>
internal sealed class Pcg32
{
    private const ulong Multiplier = 6364136223846793005UL;
    private ulong state;
    private readonly ulong increment;

    /// <summary>Seeds the generator the way the reference <c>pcg32_srandom(seed, 54)</c> does.</summary>
    public Pcg32(long seed)
    {
        increment = (54UL << 1) | 1UL;
        NextUInt32();
        state += unchecked((ulong)seed);
        NextUInt32();
    }

    /// <summary>32 uniformly distributed bits.</summary>
    public uint NextUInt32()
    {
        var old = state;
        state = unchecked(old * Multiplier + increment);
        var xorShifted = (uint)(((old >> 18) ^ old) >> 27);
        var rotation = (int)(old >> 59);
        return (xorShifted >> rotation) | (xorShifted << ((-rotation) & 31));
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias.</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var b = (uint)bound;
        var threshold = (uint)(-(int)b) % b;
        while (true)
        {
            var r = NextUInt32();
            if (r >= threshold)
            {
                return (int)(r % b);
            }
        }
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble()
    {
        var bits = ((ulong)NextUInt32() << 32) | NextUInt32();
        return (bits >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A standard normal sample (Box–Muller, one sample per pair of uniforms).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Shuffles an array in place (Fisher–Yates, last position first).</summary>
    public void Shuffle<T>(T[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
