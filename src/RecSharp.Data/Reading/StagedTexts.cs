using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RecSharp.Data.Reading;

/// <summary>
/// What the text values of one column of one row group staged as, remembered by the memory that holds each value
/// (its array or string, offset and length) in a direct-mapped table, so that a value held in the same memory as one
/// staged before is not checked and interned again. Parquet.Net hands every row of one dictionary entry the same
/// memory, so a dictionary-encoded column is checked once per distinct value and row group instead of once per row.
/// Another row group's column forgets everything, since a reader may reuse its memory for the next row group.
/// </summary>
internal sealed class StagedTexts
{
    private const int Slots = 256;

    private readonly Entry[] entries = new Entry[Slots];
    private object? column;

    /// <summary>Finds what a value of <paramref name="from"/> staged as, when it was kept.</summary>
    /// <param name="value">The value, as the column holds it.</param>
    /// <param name="from">The column of one row group that holds the value.</param>
    /// <param name="text">The staged text.</param>
    /// <param name="number">The staged number.</param>
    public bool TryGet(ReadOnlyMemory<char> value, object from, out string? text, out double number)
    {
        if (!ReferenceEquals(from, column))
        {
            Array.Clear(entries);
            column = from;
        }

        ref readonly var entry = ref entries[Slot(value, out var holder, out var start)];
        (text, number) = (entry.Text, entry.Number);
        return holder is not null && ReferenceEquals(entry.Holder, holder) && entry.Start == start
            && entry.Length == value.Length;
    }

    /// <summary>Keeps what a value of the column last passed to <see cref="TryGet"/> staged as.</summary>
    /// <param name="value">The value, as the column holds it.</param>
    /// <param name="text">The staged text.</param>
    /// <param name="number">The staged number.</param>
    public void Keep(ReadOnlyMemory<char> value, string? text, double number)
    {
        var slot = Slot(value, out var holder, out var start);
        if (holder is not null)
        {
            entries[slot] = new Entry(holder, start, value.Length, text, number);
        }
    }

    // The slot of a value, with the object holding its memory (null when there is none to tell it by) and its offset.
    private static int Slot(ReadOnlyMemory<char> value, out object? holder, out int start)
    {
        if (value.IsEmpty)
        {
            (holder, start) = (null, 0);
        }
        else if (MemoryMarshal.TryGetArray(value, out var segment))
        {
            (holder, start) = (segment.Array, segment.Offset);
        }
        else if (MemoryMarshal.TryGetString(value, out var text, out start, out _))
        {
            holder = text;
        }
        else
        {
            (holder, start) = (null, 0);
        }

        var hash = holder is null ? 0 : RuntimeHelpers.GetHashCode(holder) ^ (start * -1640531535);
        return (int)((uint)hash % Slots);
    }

    private readonly record struct Entry(object Holder, int Start, int Length, string? Text, double Number);
}
