namespace RecSharp.Data.Reading;

/// <summary>
/// One value per row of a chunk being read, in an array that grows by doubling from a starting capacity. A chunk
/// reader starts each chunk at the previous chunk's row count, so that a full chunk fills its array exactly and
/// <see cref="Take"/> hands that array over without a copy: one array per column and chunk, none discarded.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="capacity">The rows expected; the array grows beyond them when needed.</param>
internal sealed class RowValues<T>(int capacity)
{
    private const int MinimumCapacity = 256;

    private T[] values = new T[Math.Max(capacity, MinimumCapacity)];

    /// <summary>The values added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a row's value.</summary>
    /// <param name="value">The value.</param>
    public void Add(T value)
    {
        if (Count == values.Length)
        {
            Array.Resize(ref values, (int)Math.Min((long)values.Length * 2, Array.MaxLength));
        }

        values[Count++] = value;
    }

    /// <summary>
    /// The values added, in an array of exactly <see cref="Count"/> entries: the array itself when it is full, else a
    /// copy. The caller owns it; nothing is added afterwards.
    /// </summary>
    public T[] Take() => Count == values.Length ? values : values[..Count];
}
